package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's first commands are the contract with a newcomer and with CI: guards against the README,
 * .ci/run and the real test command drifting apart.
 */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of(System.getProperty("autosync.root", "..")).toAbsolutePath().normalize();

    @Test
    void readmeFirstCodeBlock_isExactlyTheRunCommandThenTheTestCommand() throws IOException {
        List<String> block = firstCodeBlock();

        assertEquals(2, block.size(), "README's first fenced block must hold exactly two lines: " + block);
        assertTrue(block.get(0).contains("exec:java"), "first line runs the system locally: " + block.get(0));
        assertTrue(block.get(1).contains("mvn") && block.get(1).contains(" test"), "second line runs the tests: " + block.get(1));
    }

    @Test
    void ciRun_endsWithTheReadmeTestCommand() throws IOException {
        String testCommand = firstCodeBlock().get(1);
        List<String> commands = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toList());

        assertEquals(testCommand, commands.get(commands.size() - 1));
    }

    private static List<String> firstCodeBlock() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                if (start < 0) {
                    start = i;
                } else {
                    return lines.subList(start + 1, i);
                }
            }
        }
        throw new AssertionError("README.md has no fenced code block");
    }
}
