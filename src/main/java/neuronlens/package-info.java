/** neuronlens: train small MNIST networks and see what every neuron learned. */
package neuronlens;
