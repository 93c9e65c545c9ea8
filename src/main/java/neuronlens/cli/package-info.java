/** The command line: a thin {@code Main} and one class per command; nothing else uses it. */
package neuronlens.cli;
