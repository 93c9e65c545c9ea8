/** Training as the seed did it: Keras' Adam, exponential decay, shuffled batches, evaluation. */
package neuronlens.train;
