package dev.autosync.standins;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, whose {@code node_modules} holds the pinned npm packages. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    /**
     * The root: the {@code autosync.root} system property (Maven sets it for tests), the
     * {@code AUTOSYNC_ROOT} variable, or the nearest directory at or above the working directory that
     * holds {@code package-lock.json}.
     */
    public static Path find() {
        String configured = System.getProperty("autosync.root", System.getenv("AUTOSYNC_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package-lock.json"))) {
                return dir;
            }
        }
        throw new StandInException("cannot find the autosync repository root (no package-lock.json at or above "
                + Path.of("").toAbsolutePath() + "); set AUTOSYNC_ROOT");
    }

    /** The {@code node_modules} directory that holds {@code pkg}, or a message saying to run npm ci. */
    public static Path nodeModules(String pkg) {
        Path root = find();
        Path modules = root.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve(pkg))) {
            throw new StandInException("npm package '" + pkg + "' is not installed: run `npm ci` in " + root);
        }
        return modules;
    }
}
