package org.pushplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateTest {

    @TempDir
    Path dataDir;

    @Test
    void theRunningPlatformsStateHoldsTheAdminTokenAndOnlyItsOwnerMayReadIt() throws Exception {
        // given a state with the admin token in it
        var json = JsonNodeFactory.instance.objectNode();
        json.putObject("demo").put("adminToken", "0123456789abcdef0123456789abcdef");

        // when it is written
        new RunState(dataDir).write(json);

        // then only its owner may read it
        Path file = dataDir.resolve("run").resolve("state.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("0123456789abcdef0123456789abcdef", new RunState(dataDir).read().orElseThrow().get("demo").get("adminToken").asText());
    }
}
