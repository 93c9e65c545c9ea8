package neuronlens.vis;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import neuronlens.AtomicFiles;

/** Writes an animated GIF that loops forever (the NETSCAPE2.0 application extension). */
public final class GifWriter {
  private GifWriter() {}

  /** Writes {@code frames}, each shown {@code delayMs} milliseconds, to {@code file}. */
  public static void write(Path file, List<BufferedImage> frames, int delayMs) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("an animation needs at least one frame");
    }
    AtomicFiles.write(
        file,
        out -> {
          ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
          try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            for (BufferedImage f : frames) {
              ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(f);
              IIOMetadata meta = w.getDefaultImageMetadata(type, null);
              configure(meta, delayMs);
              w.writeToSequence(new IIOImage(f, null, meta), null);
            }
            w.endWriteSequence();
          } finally {
            w.dispose();
          }
        });
  }

  private static void configure(IIOMetadata meta, int delayMs) throws IOException {
    String format = meta.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    IIOMetadataNode gce = child(root, "GraphicControlExtension");
    gce.setAttribute("disposalMethod", "none");
    gce.setAttribute("userInputFlag", "FALSE");
    gce.setAttribute("transparentColorFlag", "FALSE");
    gce.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
    gce.setAttribute("transparentColorIndex", "0");
    IIOMetadataNode apps = child(root, "ApplicationExtensions");
    IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
    app.setAttribute("applicationID", "NETSCAPE");
    app.setAttribute("authenticationCode", "2.0");
    app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
    apps.appendChild(app);
    meta.setFromTree(format, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode n = new IIOMetadataNode(name);
    root.appendChild(n);
    return n;
  }
}
