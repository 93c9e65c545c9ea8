package neuronlens.report;

import java.util.List;

/**
 * What the report shows of one hidden unit.
 *
 * @param unit index in its layer
 * @param weights its weight picture, by its {@link Picture#name()}
 * @param am its activation-maximization picture
 * @param agreement its weights-versus-AM agreement map (per-pixel product of z-scores)
 * @param correlation Pearson r of its weights and AM image
 * @param dead whether it is 0 on every test image
 * @param active on how many test images it is above 0
 * @param top the test images that activate it most, most active first
 * @param histogram its activations above 0 on the test set
 * @param classMeans its mean activation on the test images of each class
 * @param knockOut what knocking it out does on the test set
 */
public record NeuronView(
    int unit,
    String weights,
    String am,
    String agreement,
    double correlation,
    boolean dead,
    int active,
    List<TopExample> top,
    Histogram histogram,
    double[] classMeans,
    KnockOut knockOut) {}
