/**
 * What every neuron learned: weight images, activation maximization, weights-versus-AM comparison,
 * dataset examples and saliency. Classes without "Renderer", "Writer" or "Plots" in their name
 * compute numbers only; the rendering classes turn those numbers into PNG, GIF, CSV and .npy files.
 * Uses {@code nn} and {@code data}, nothing above them.
 */
package neuronlens.vis;
