/**
 * The Keras 3 {@code .weights.h5} layout: reading a file into an {@code Mlp} and its Adam state,
 * refusing anything that is not a chain of Dense layers, and writing the same layout back so that
 * Keras' {@code model.load_weights} accepts it. The only package that knows this layout; HDF5 goes
 * through jHDF.
 */
package neuronlens.keras;
