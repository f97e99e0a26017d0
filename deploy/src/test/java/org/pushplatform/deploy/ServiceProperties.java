package org.pushplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the services' own configuration says (their {@code application.properties}), for the manifests to be checked against. */
final class ServiceProperties {

    private static final List<String> MODULES = List.of("routing-service", "connection-gateway", "chat-service", "device-service", "iot-service");

    private ServiceProperties() {
    }

    private static final Pattern LINE = Pattern.compile("(?m)^([a-z][\\w.\"-]*)=(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(?::(.*))?}$");

    /**
     * What a service's {@code application.properties} sets each property to: {@code ${ENV:default}} or a plain value.
     *
     * @return by property, {environment variable, default or value} (profiles such as {@code %test.} left out)
     */
    static Map<String, String[]> values(String service) throws IOException {
        Map<String, String[]> values = new TreeMap<>();
        Matcher line = LINE.matcher(of(service));
        while (line.find()) {
            Matcher reference = REFERENCE.matcher(line.group(2).trim());
            values.put(line.group(1), reference.matches() ? new String[] {reference.group(1), reference.group(2)}
                : new String[] {ConfigReference.environmentName(line.group(1)), line.group(2).trim()});
        }
        return values;
    }

    /** The {@code application.properties} of a service's module. */
    static String of(String module) throws IOException {
        return Files.readString(Path.of("..", module, "src/main/resources/application.properties"));
    }

    /** The environment variables a service reads with no default, or with one that only works on a laptop (localhost). */
    static Set<String> settingsWithoutAUsableDefault(String module) throws IOException {
        Matcher setting = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}")
            .matcher(of(module));
        Set<String> needed = new TreeSet<>();
        while (setting.find()) {
            if (setting.group(2) == null || setting.group(2).contains("localhost")) {
                needed.add(setting.group(1));
            }
        }
        return needed;
    }

    /** The default a service's configuration gives the environment variable ({@code ${VARIABLE:default}}). */
    static String defaultOf(String module, String variable) throws IOException {
        Matcher found = Pattern.compile("\\$\\{" + Pattern.quote(variable) + ":([^}]*)}").matcher(of(module));
        assertTrue(found.find(), module + " reads no " + variable + " with a default");
        return found.group(1);
    }

    /** Every topic with a fixed name in the services' configuration ({@code ${push.topic-prefix}name}, the prefix {@code push.}). */
    static Set<String> topicsTheServicesName() throws IOException {
        Pattern topic = Pattern.compile("\\$\\{push\\.topic-prefix}([\\w.-]+)");
        Set<String> names = new TreeSet<>();
        for (String module : MODULES) {
            Matcher found = topic.matcher(of(module));
            while (found.find()) {
                if (!found.group(1).startsWith("gw.")) { // one per gateway node, made by the node itself
                    names.add("push." + found.group(1));
                }
            }
        }
        assertTrue(names.size() >= 10, "topics read from the services' configuration: " + names);
        return names;
    }

    /** The ports connection-gateway listens on by default: its HTTP and HTTPS ports and each listener's {@code port}. */
    static Set<Integer> gatewayListenerPorts() throws IOException {
        Pattern port = Pattern.compile("(?m)^(?:quarkus\\.http\\.port=(\\d+)|(?:quarkus\\.http\\.ssl-port|push\\.gateway\\.\\w+\\.\\w+\\.port)=\\$\\{\\w+:(\\d+)})$");
        Matcher found = port.matcher(of("connection-gateway"));
        Set<Integer> ports = new TreeSet<>();
        while (found.find()) {
            ports.add(Integer.parseInt(found.group(1) != null ? found.group(1) : found.group(2)));
        }
        assertTrue(ports.size() >= 5, "listener ports read from the gateway's configuration: " + ports);
        return ports;
    }

    /** The topics the channel of a consumer group reads ({@code push.} for the prefix); none when no channel has that group. */
    static List<String> topicsOfGroup(String module, String group) throws IOException {
        String properties = of(module);
        Matcher channel = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.([\\w-]+)\\.group\\.id=" + Pattern.quote(group) + "$")
            .matcher(properties);
        if (!channel.find()) {
            return List.of();
        }
        Matcher topics = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\." + Pattern.quote(channel.group(1)) + "\\.topics?=(.*)$")
            .matcher(properties);
        if (!topics.find()) {
            throw new IllegalStateException(module + ": the channel of group " + group + " names no topic");
        }
        return List.of(topics.group(1).replace("${push.topic-prefix}", "push.").split(",")).stream().map(String::trim).toList();
    }
}
