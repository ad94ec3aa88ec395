package dev.autosync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The size of the shaded Lambda jar against the target of 12 MB (12,000,000 bytes: what Lambda loads and
 * SnapStart snapshots), with the packages that weigh most in it (compressed bytes).
 */
final class JarSizeBenchmark implements BenchmarkSection {

    static final long TARGET_BYTES = 12_000_000;
    private static final int TOP = 8;

    @Override
    public String name() {
        return "jar";
    }

    @Override
    public void run(BenchContext context) throws IOException {
        Path jar = LambdaJar.locate();
        long bytes = Files.size(jar);
        PrintStream out = context.out();
        out.printf("Lambda jar %s: %,d bytes (%.2f MB)  %s  (target <= %,d bytes)%n", jar.getFileName(), bytes,
                bytes / 1e6, bytes <= TARGET_BYTES ? "ok" : "OVER", TARGET_BYTES);
        context.figures().add("shaded Lambda jar", bytes / 1e6, "MB", "≤ 12 MB");
        heaviest(jar).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> out.printf("  %-45s %,10d bytes compressed%n", e.getKey(), e.getValue()));
    }

    /** Compressed bytes per package, four levels deep ({@code software/amazon/awssdk/services}). */
    private static Map<String, Long> heaviest(Path jar) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    String[] parts = entry.getName().split("/");
                    String key = String.join("/", java.util.Arrays.copyOf(parts, Math.min(4, parts.length - 1)));
                    sizes.merge(key.isEmpty() ? "(root)" : key, entry.getCompressedSize(), Long::sum);
                }
            }
        }
        return sizes;
    }
}
