/**
 * The network: Dense layers, softmax cross-entropy, the Mlp and its forward and backward passes.
 */
package neuronlens.nn;
