/** Row-major float arithmetic behind one {@link neuronlens.tensor.Kernels} interface. */
package neuronlens.tensor;
