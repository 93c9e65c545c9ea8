/**
 * MNIST-style data: a distrustful IDX reader (raw or gzip), the {@link neuronlens.data.Dataset} and
 * its {@link neuronlens.data.Splits}, and the sources that find, fetch, verify and cache the files.
 */
package neuronlens.data;
