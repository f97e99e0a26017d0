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
        // restart names its component before the options
        int firstOption = command.equals("restart") || command.equals("token") ? 2 : 1;
        CommandLine options = CommandLine.parse(argList.subList(Math.min(firstOption, args.length), args.length));
        switch (command) {
            case "infra" -> InfraCommand.run(options.path("--data-dir", Path.of(".pushdata")), options.path("--ready-file", null));
            case "up" -> new PlatformLauncher(options).up();
            case "down" -> new RunControl(options).down();
            case "aot-create" -> new AotCache(RunState.home(), RunState.dataDir(options), ServiceJava.find(), false).createAll();
            case "status" -> System.exit(new RunControl(options).status(options.flag("--json")));
            case "restart" -> {
                if (args.length < 2 || args[1].startsWith("--")) {
                    System.err.println("usage: pushctl restart <kafka|postgres|service name> [--kill]");
                    System.exit(2);
                }
                System.exit(new RunControl(options).restart(args[1], options.flag("--kill")));
            }
            case "token" -> {
                if (args.length < 2 || args[1].startsWith("--")) {
                    System.err.println("usage: pushctl token <appkey> [--ttl SECONDS]");
                    System.exit(2);
                }
                System.exit(new TokenCommand(options).run(args[1], TokenCommand.ttl(options)));
            }
            default -> {
                System.err.println("usage: pushctl up [--detach] [--gateways N] [--routers N] [--device-services N] [--chat-services N] [--data-dir DIR] | down | status [--json]"
                    + " | restart <kafka|postgres|service> [--kill] | token <appkey> [--ttl SECONDS]");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }
}
