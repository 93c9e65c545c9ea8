package neuronlens.bench.djl;

/**
 * Configures DJL's PyTorch engine before it loads: offline, CPU flavour, the libtorch bundled in
 * the {@code pytorch-native-cpu} jar on the class path, no usage tracking, and a fixed number of
 * threads. Each value is set only when the caller has not already set it (as a system property or
 * an environment variable), so a run can still override them on the command line.
 */
final class DjlSetup {
  private DjlSetup() {}

  /** Must run before the first use of any DJL class that touches the engine. */
  static void offline(int threads) {
    // Never download: neither libtorch nor the JNI library nor a model.
    setDefault("ai.djl.offline", "true");
    // Engine.getInstance() would otherwise ask the EC2 metadata service whether it runs there.
    setDefault("OPT_OUT_TRACKING", "true");
    // Pin the native library to the bundled jar's libtorch (read as env or system property).
    setDefault("PYTORCH_FLAVOR", "cpu");
    setDefault("PYTORCH_VERSION", "2.7.1");
    setDefault("ai.djl.default_engine", "PyTorch");
    setDefault("ai.djl.pytorch.num_threads", Integer.toString(threads));
    setDefault("ai.djl.pytorch.num_interop_threads", "1");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null && System.getenv(key) == null) {
      System.setProperty(key, value);
    }
  }
}
