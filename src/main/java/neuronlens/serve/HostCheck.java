package neuronlens.serve;

import java.util.regex.Pattern;

/**
 * Whether a Host header names this machine. A page on another site that resolves its own name to
 * 127.0.0.1 (DNS rebinding) still sends its own name, so a loopback-bound server refuses it.
 */
final class HostCheck {
  private static final Pattern LOOPBACK =
      Pattern.compile("(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\])(:\\d{1,5})?");

  private HostCheck() {}

  static boolean loopbackHost(String host) {
    return host != null && LOOPBACK.matcher(host.toLowerCase(java.util.Locale.ROOT)).matches();
  }
}
