package neuronlens.bench.djl;

import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;

/**
 * A split as plain arrays for DJL: pixels rescaled ×1/255 exactly as neuronlens and Keras do
 * (float32 multiply), labels as class indices and as one-hot rows.
 */
final class MnistArrays {
  final int count;
  final float[] pixels;
  final int[] labels;
  final float[] oneHot;

  MnistArrays(Dataset d) {
    count = d.count();
    int n = d.pixels();
    pixels = new float[count * n];
    byte[] images = d.images();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (images[i] & 0xff) * Mlp.RESCALE;
    }
    labels = new int[count];
    oneHot = new float[count * Dataset.CLASSES];
    for (int i = 0; i < count; i++) {
      labels[i] = d.label(i);
      oneHot[i * Dataset.CLASSES + labels[i]] = 1f;
    }
  }
}
