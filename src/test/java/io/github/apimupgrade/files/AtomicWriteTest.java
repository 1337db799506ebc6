package io.github.apimupgrade.files;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.AtomicWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write that cannot finish (here: its scratch file cannot be created) leaves the previous file whole. */
class AtomicWriteTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedWriteLeavesThePreviousFileAsItWas() throws Exception {
        Path report = tmp.resolve("work/report.json");
        AtomicWrite.text(report, "{\"outcome\":\"succeeded\"}\n");
        Path blocker = Files.createDirectories(tmp.resolve("work/report.json.apim-tmp"));
        Files.writeString(blocker.resolve("x"), "x");

        ApimException e = assertThrows(ApimException.class, () -> AtomicWrite.text(report, "{\"outcome\":\"refus"));
        assertTrue(e.getMessage().startsWith("Cannot write " + report), e.getMessage());
        assertEquals("{\"outcome\":\"succeeded\"}\n", Files.readString(report));
    }
}
