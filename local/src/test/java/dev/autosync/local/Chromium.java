package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}, never
 * downloaded by Selenium Manager (both paths are given). Without them a test is skipped, except under
 * {@code CI=true}, where it fails saying how to install them.
 */
final class Chromium {

    /** Debian's paths; {@code -Dautosync.chromium=} / {@code -Dautosync.chromedriver=} point elsewhere. */
    private static final Path BINARY = Path.of(System.getProperty("autosync.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("autosync.chromedriver", "/usr/bin/chromedriver"));
    private static final String INSTALL = "sudo apt-get update && sudo apt-get install -y chromium chromium-driver";

    private Chromium() {
    }

    /** Skips the calling test (named {@code test}) when Chromium is missing; fails it instead on CI. */
    static void require(String test) {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "Chromium or chromedriver missing (" + BINARY + ", " + DRIVER + "): install with `" + INSTALL + "`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.out.println("SKIPPED " + test + ": " + message);
        Assumptions.abort(message);
    }

    /** A fresh headless browser with its own profile folder; the caller quits it. */
    static WebDriver start() throws IOException {
        Path profile = Files.createTempDirectory("autosync-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1300", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
