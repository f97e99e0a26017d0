package org.pushplatform.deploy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Entry point of {@code ./pushctl}: up, down, status, and the infra-only mode used by tests. */
public final class PushCtl {

    private PushCtl() {
    }

    public static void main(String[] args) throws Exception {
        // Kafka and PostgreSQL talk a lot at INFO; the launcher's own lines are what an operator reads
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("push.infra.log-level", "warn"));
        List<String> argList = Arrays.asList(args);
        String command = args.length == 0 ? "help" : args[0];
        CommandLine options = CommandLine.parse(argList.subList(Math.min(1, args.length), args.length));
        switch (command) {
            case "infra" -> InfraCommand.run(options.path("--data-dir", Path.of(".pushdata")), options.path("--ready-file", null));
            case "up" -> new PlatformLauncher(options).up();
            case "down" -> new RunControl(options).down();
            case "status" -> System.exit(new RunControl(options).status(options.flag("--json")));
            default -> {
                System.err.println("usage: pushctl up [--detach] [--gateways N] [--data-dir DIR] | down | status [--json]");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }
}
