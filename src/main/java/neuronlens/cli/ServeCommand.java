package neuronlens.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import neuronlens.BadOptionException;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.data.LoadedData;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.serve.NeuronServer;
import neuronlens.serve.ServeModel;
import neuronlens.tensor.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens serve}: the local web app (gallery, neuron pages, drawing pad, AM). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start a local web app to explore the model; prints its URL. Ctrl-C stops it.")
final class ServeCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin DataOptions data;

  @Option(
      names = "--weights",
      defaultValue = "out/model.weights.h5",
      paramLabel = "FILE",
      description = "A Keras 3 .weights.h5 file (default: ${DEFAULT-VALUE}).")
  Path weights;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "N",
      description = "TCP port, 0 = any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--threads",
      defaultValue = "0",
      paramLabel = "N",
      description = "Threads for activation maximization at start-up, 0 = one per core up to 2.")
  int threads;

  ServeCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new BadOptionException("--port: expected 0..65535 (0 = any free port), found " + port);
    }
    if (threads < 0) {
      throw new BadOptionException("--threads: expected >= 0 (0 = automatic), found " + threads);
    }
    boolean loopback = loopback(host);
    Mlp mlp = KerasWeights.read(weights).model();
    Dataset test = null;
    ClassNames classes = ClassNames.numbered(mlp.classes());
    try {
      LoadedData loaded = data.load(console);
      test = loaded.splits().test();
      classes = loaded.classes();
    } catch (RuntimeException e) {
      console.info("serve: no test set (" + e.getMessage() + "); neuron pages show no examples");
    }
    console.info("serve: computing weight and AM images of " + mlp.describe() + " ...");
    int t = threads == 0 ? Math.min(2, Runtime.getRuntime().availableProcessors()) : threads;
    ServeModel model = ServeModel.build(mlp, test, classes, Kernels.get(), t, weights.toString());
    NeuronServer server;
    try {
      server = NeuronServer.start(model, host, port, console::info);
    } catch (java.io.UncheckedIOException e) {
      throw new BadOptionException("--host/--port: " + e.getMessage());
    }
    if (!loopback) {
      console.info(
          "serve: warning: listening on "
              + host
              + ", not only on this machine: anyone"
              + " who can reach it can use the app (it has no login)");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "neuronlens-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    console.out().println("neuronlens serve: " + server.uri());
    console.out().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      server.close(); // in-process callers (tests) stop it by interrupting
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    return 0;
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new BadOptionException("--host: expected an address of this machine, found " + host);
    }
  }
}
