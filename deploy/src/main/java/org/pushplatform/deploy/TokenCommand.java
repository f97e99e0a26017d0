package org.pushplatform.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code pushctl token <appkey> [--ttl SECONDS]}: a push-server API token of the app, minted by the running platform's
 * admin API (the token is made with the app's secret, which only routing holds) and printed on the last line.
 */
final class TokenCommand {

    private static final long DEFAULT_TTL_SECONDS = Duration.ofDays(30).toSeconds();
    private final RunState state;

    TokenCommand(CommandLine options) {
        this.state = new RunState(RunState.dataDir(options));
    }

    int run(String appkey, long ttlSeconds) throws java.io.IOException, InterruptedException {
        Optional<ObjectNode> running = state.read().filter(json -> ProcessHandle.of(json.get("launcherPid").asLong())
            .map(ProcessHandle::isAlive).orElse(false));
        if (running.isEmpty()) {
            System.err.println("[pushctl] the platform is not running: start it with ./pushctl up");
            return 3;
        }
        ObjectMapper mapper = new ObjectMapper();
        String body = mapper.createObjectNode().put("ttlSeconds", ttlSeconds).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(running.get().get("routing").asText() + "/admin/apps/" + appkey + "/push-tokens"))
            .header("Authorization", "Bearer " + running.get().get("demo").get("adminToken").asText())
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode reply = mapper.readTree(response.body());
        if (response.statusCode() != 201) {
            System.err.println("[pushctl] no token: " + reply.path("error_msg").asText(response.body()));
            return 1;
        }
        System.err.println("[pushctl] token of app " + appkey + ", valid until " + reply.get("expiresAt").asText() + ":");
        System.out.println(reply.get("token").asText());
        return 0;
    }

    static long ttl(CommandLine options) {
        return options.integer("--ttl", (int) DEFAULT_TTL_SECONDS);
    }
}
