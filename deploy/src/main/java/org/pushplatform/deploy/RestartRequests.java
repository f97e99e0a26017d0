package org.pushplatform.deploy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code pushctl restart}: the command writes a request file into the running platform's data directory, the
 * launcher (which owns the processes, Kafka and PostgreSQL) carries it out and writes the outcome beside it.
 */
final class RestartRequests {

    /** Does one restart; returns what to tell the operator. */
    interface Handler {
        String restart(String component, boolean kill) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(4);

    private final Path directory;
    private final Handler handler;

    RestartRequests(Path dataDir, Handler handler) {
        this.directory = dataDir.resolve("run").resolve("requests");
        this.handler = handler;
    }

    /** Launcher side: serves requests on a daemon thread, one at a time. */
    void startServing() throws IOException {
        Files.createDirectories(directory);
        Thread thread = new Thread(this::serve, "pushctl-restart-requests");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (true) {
            try (DirectoryStream<Path> requests = Files.newDirectoryStream(directory, "*.request")) {
                for (Path request : requests) {
                    answer(request);
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad request file must not stop the serving of later ones
                PlatformLauncher.say("cannot read restart requests: " + e);
            }
        }
    }

    private void answer(Path request) throws IOException {
        ObjectNode outcome = JSON.createObjectNode();
        try {
            var ask = JSON.readTree(request.toFile());
            outcome.put("ok", true).put("message", handler.restart(ask.path("component").asText(), ask.path("kill").asBoolean()));
        } catch (Exception e) {
            outcome.put("ok", false).put("message", String.valueOf(e.getMessage()));
        }
        Path answer = request.resolveSibling(request.getFileName().toString().replace(".request", ".done"));
        Path draft = request.resolveSibling(request.getFileName().toString().replace(".request", ".answer"));
        Files.writeString(draft, outcome.toString());
        Files.delete(request);
        Files.move(draft, answer, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Command side: asks, waits for the outcome, prints it; exit code 0 when done. */
    int ask(String component, boolean kill) throws IOException, InterruptedException {
        String id = UUID.randomUUID().toString();
        Path request = directory.resolve(id + ".request");
        Path answer = directory.resolve(id + ".done");
        // written under another name and renamed, so that the launcher never reads a half-written request
        Path draft = directory.resolve(id + ".draft");
        Files.writeString(draft, JSON.createObjectNode().put("component", component).put("kill", kill).toString());
        Files.move(draft, request, StandardCopyOption.ATOMIC_MOVE);
        Instant deadline = Instant.now().plus(ANSWER_TIMEOUT);
        while (!Files.exists(answer)) {
            if (Instant.now().isAfter(deadline)) {
                System.err.println("[pushctl] no answer from the launcher within " + ANSWER_TIMEOUT.toMinutes() + " minutes");
                return 1;
            }
            Thread.sleep(200);
        }
        ObjectNode outcome = (ObjectNode) JSON.readTree(answer.toFile());
        Files.delete(answer);
        System.out.println("[pushctl] " + outcome.get("message").asText());
        return outcome.get("ok").asBoolean() ? 0 : 1;
    }
}
