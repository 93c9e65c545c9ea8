package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The .npy v1.0 layout: magic, version, header length, padded dict, little-endian data. */
class NpyWriterTest {
  @Test
  void headerIsPaddedTo64BytesAndDataFollows() {
    float[] v = new float[784];
    v[0] = 1.5f;
    v[783] = -2f;
    byte[] b = NpyWriter.encode(v, 28, 28);
    assertThat(b[0]).isEqualTo((byte) 0x93);
    assertThat(new String(b, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
    assertThat(b[6]).isEqualTo((byte) 1);
    assertThat(b[7]).isEqualTo((byte) 0);
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen = buf.getShort(8);
    int dataStart = 10 + headerLen;
    assertThat(dataStart % 64).isZero();
    String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
    assertThat(header)
        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (28, 28), }")
        .endsWith("\n");
    assertThat(b).hasSize(dataStart + 4 * 784);
    assertThat(buf.getFloat(dataStart)).isEqualTo(1.5f);
    assertThat(buf.getFloat(dataStart + 4 * 783)).isEqualTo(-2f);
  }
}
