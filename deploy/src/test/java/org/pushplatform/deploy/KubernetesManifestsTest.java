package org.pushplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pushplatform.deploy.KubernetesManifests.DIRECTORY;
import static org.pushplatform.deploy.KubernetesManifests.custom;
import static org.pushplatform.deploy.KubernetesManifests.podsOf;
import static org.pushplatform.deploy.KubernetesManifests.portNames;
import static org.pushplatform.deploy.KubernetesManifests.resources;
import static org.pushplatform.deploy.KubernetesManifests.unknownFields;
import static org.pushplatform.deploy.ServiceProperties.defaultOf;
import static org.pushplatform.deploy.ServiceProperties.gatewayListenerPorts;
import static org.pushplatform.deploy.ServiceProperties.settingsWithoutAUsableDefault;
import static org.pushplatform.deploy.ServiceProperties.topicsOfGroup;
import static org.pushplatform.deploy.ServiceProperties.topicsTheServicesName;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/**
 * The manifests in {@code deploy/k8s/} read as the Kubernetes API's own model of their kind (fabric8's), with no
 * field the API would not know, and hold together: every port named, probes on a named port and a health endpoint,
 * every Service port reaching a named port of the pods it selects, and the gateway exposing every listener it opens.
 */
class KubernetesManifestsTest {

    private static final Set<String> HEALTH = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    @Test
    void everyResourceIsOfAKnownKindWithNoFieldTheApiDoesNotKnow() throws IOException {
        List<HasMetadata> resources = resources();
        assertFalse(resources.isEmpty());
        for (HasMetadata resource : resources) {
            List<String> unknown = new ArrayList<>();
            unknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown);
            assertTrue(unknown.isEmpty(), "fields the Kubernetes API does not know: " + unknown);
        }
    }

    @Test
    void everyContainerPortIsNamedAndEveryProbeAsksAHealthEndpointOnOne() throws IOException {
        for (HasMetadata resource : resources()) {
            PodTemplateSpec pods = podsOf(resource);
            if (pods == null) {
                continue;
            }
            for (Container container : pods.getSpec().getContainers()) {
                Set<String> names = portNames(container);
                assertEquals(container.getPorts().size(), names.size(), container.getName() + ": every port named, once");
                for (Probe probe : new Probe[] {container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe()}) {
                    if (probe == null) {
                        continue;
                    }
                    HTTPGetAction get = probe.getHttpGet();
                    assertNotNull(get, container.getName() + ": probes ask over HTTP");
                    assertTrue(HEALTH.contains(get.getPath()), container.getName() + ": probe path " + get.getPath());
                    assertTrue(names.contains(get.getPort().getStrVal()), container.getName() + ": probe port " + get.getPort());
                }
            }
        }
    }

    @Test
    void everyServicePortReachesANamedPortOfThePodsItSelects() throws IOException {
        List<HasMetadata> resources = resources();
        for (HasMetadata resource : resources) {
            if (!(resource instanceof Service service)) {
                continue;
            }
            Map<String, String> selector = service.getSpec().getSelector();
            Set<String> podPorts = new TreeSet<>();
            resources.stream().map(KubernetesManifests::podsOf).filter(pods -> pods != null
                    && pods.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .forEach(pods -> pods.getSpec().getContainers().forEach(c -> podPorts.addAll(portNames(c))));
            assertFalse(podPorts.isEmpty(), service.getMetadata().getName() + " selects no pods of these manifests");
            for (ServicePort port : service.getSpec().getPorts()) {
                assertNotNull(port.getName(), service.getMetadata().getName() + ": every port named");
                assertTrue(podPorts.contains(port.getTargetPort().getStrVal()),
                    service.getMetadata().getName() + ": port " + port.getName() + " targets " + port.getTargetPort() + ", not one of " + podPorts);
            }
        }
    }

    @Test
    void everyWorkloadHasADisruptionBudgetAndAStatefulSetItsHeadlessService() throws IOException {
        List<HasMetadata> resources = resources();
        for (HasMetadata resource : resources) {
            PodTemplateSpec pods = podsOf(resource);
            if (pods == null) {
                continue;
            }
            Map<String, String> labels = pods.getMetadata().getLabels();
            assertTrue(resources.stream().anyMatch(r -> r instanceof PodDisruptionBudget budget
                    && labels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet())),
                resource.getMetadata().getName() + ": no PodDisruptionBudget selects its pods");
            if (resource instanceof StatefulSet statefulSet) {
                String governing = statefulSet.getSpec().getServiceName();
                assertTrue(resources.stream().anyMatch(r -> r instanceof Service service
                        && service.getMetadata().getName().equals(governing) && "None".equals(service.getSpec().getClusterIP())),
                    resource.getMetadata().getName() + ": its serviceName " + governing + " is no headless Service here");
            }
        }
    }

    @Test
    void theGatewayExposesEveryListenerItOpens() throws IOException {
        Set<Integer> listeners = gatewayListenerPorts();
        Set<Integer> container = new TreeSet<>();
        Set<Integer> service = new TreeSet<>();
        for (HasMetadata resource : resources()) {
            PodTemplateSpec pods = podsOf(resource);
            if (pods != null && resource.getMetadata().getName().equals("connection-gateway")) {
                pods.getSpec().getContainers().forEach(c -> c.getPorts().forEach(p -> container.add(p.getContainerPort())));
            }
            if (resource instanceof Service s && s.getMetadata().getName().equals("connection-gateway")) {
                s.getSpec().getPorts().forEach(p -> service.add(p.getPort()));
            }
        }
        assertTrue(container.containsAll(listeners), "the gateway's pods open " + listeners + ", the manifest names " + container);
        assertTrue(service.containsAll(listeners), "the gateway's Service exposes " + service + " of " + listeners);
    }

    @Test
    void theGatewaysGracePeriodCoversItsDrain() throws IOException {
        StatefulSet gateway = resources().stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
            .filter(set -> set.getMetadata().getName().equals("connection-gateway")).findFirst().orElseThrow();
        PodSpec pod = gateway.getSpec().getTemplate().getSpec();
        Map<String, String> env = new HashMap<>();
        pod.getContainers().get(0).getEnv().stream().filter(var -> var.getValue() != null).forEach(var -> env.put(var.getName(), var.getValue()));
        long drainSeconds = 0;
        for (String setting : List.of("PUSH_GATEWAY_DRAIN_DELAY", "PUSH_GATEWAY_DRAIN_PERIOD", "PUSH_GATEWAY_DRAIN_GRACE")) {
            drainSeconds += seconds(env.getOrDefault(setting, defaultOf("connection-gateway", setting)));
        }
        long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
        // the rest of a stop (the farewell, Kafka's clients closing) takes a few seconds more
        assertTrue(grace >= drainSeconds + 10, "terminationGracePeriodSeconds " + grace + " leaves the drain's " + drainSeconds
            + " s no 10 s for the rest of the stop: Kubernetes would kill the pod mid-drain");
    }

    private static long seconds(String duration) {
        Matcher parts = Pattern.compile("(\\d+)(ms|s|m)").matcher(duration);
        assertTrue(parts.matches(), "a duration this check reads: " + duration);
        long amount = Long.parseLong(parts.group(1));
        return switch (parts.group(2)) {
            case "ms" -> (amount + 999) / 1000;
            case "m" -> amount * 60;
            default -> amount;
        };
    }

    @Test
    void everyTopicTheServicesNameIsDeclaredAsTheyMakeIt() throws IOException {
        Map<String, Map<String, Object>> declared = new TreeMap<>();
        for (GenericKubernetesResource topic : custom(resources(), "KafkaTopic")) {
            Map<String, Object> spec = topic.get("spec");
            String name = topic.getMetadata().getName();
            assertTrue(Set.of("topicName", "partitions", "replicas", "config").containsAll(spec.keySet()), name + ": spec " + spec.keySet());
            assertTrue(spec.get("partitions") instanceof Integer p && p > 0, name + ": partitions");
            assertTrue(spec.get("replicas") instanceof Integer r && r > 0, name + ": replicas");
            assertNotNull(topic.getMetadata().getLabels().get("strimzi.io/cluster"), name + ": the Kafka cluster it belongs to");
            declared.put(spec.getOrDefault("topicName", name).toString(), spec);
        }
        Set<String> named = topicsTheServicesName();
        assertTrue(declared.keySet().containsAll(named), "not declared: " + named.stream().filter(t -> !declared.containsKey(t)).toList());
        for (String service : List.of("routing", "device", "chat", "iot")) {
            Map<?, ?> config = (Map<?, ?>) declared.get("push.in." + service).get("config");
            // the services make their inbound topics with a 1 h retention (PUSH_INBOUND_RETENTION) and set it on existing ones
            assertEquals(3_600_000, config.get("retention.ms"), "push.in." + service + ": retention");
        }
        Object partitions = declared.get("push.in.routing").get("partitions");
        assertEquals(partitions, declared.get("push.route").get("partitions"), "push.route: push.in.routing's partitions");
        assertEquals(partitions, declared.get("push.route.internal").get("partitions"), "push.route.internal: push.in.routing's partitions");
    }

    @Test
    void everyScaledObjectScalesADeploymentByAGroupItsServiceHasNoFurtherThanItsPartitions() throws IOException {
        List<HasMetadata> resources = resources();
        Map<String, Integer> partitions = new HashMap<>();
        custom(resources, "KafkaTopic").forEach(
            topic -> partitions.put(topic.getMetadata().getName(), (Integer) topic.<Map<String, Object>>get("spec").get("partitions")));
        List<GenericKubernetesResource> scalers = custom(resources, "ScaledObject");
        assertTrue(scalers.size() >= 3, "ScaledObjects: " + scalers.size());
        for (GenericKubernetesResource scaler : scalers) {
            Map<String, Object> spec = scaler.get("spec");
            String target = ((Map<?, ?>) spec.get("scaleTargetRef")).get("name").toString();
            assertTrue(resources.stream().anyMatch(r -> r instanceof Deployment && r.getMetadata().getName().equals(target)),
                target + ": no Deployment of that name");
            for (Object trigger : (List<?>) spec.get("triggers")) {
                String group = ((Map<?, ?>) ((Map<?, ?>) trigger).get("metadata")).get("consumerGroup").toString();
                List<String> topics = topicsOfGroup(target, group);
                assertFalse(topics.isEmpty(), target + " has no consumer group " + group);
                for (String topic : topics) {
                    assertTrue((Integer) spec.get("maxReplicaCount") <= partitions.get(topic),
                        target + ": more instances than " + topic + " has partitions");
                }
            }
        }
    }

    @Test
    void everySettingAServiceCannotDoWithoutReachesItsPods() throws IOException {
        // the keys of the secret the README has the operator create
        Set<String> secretKeys = new TreeSet<>();
        Matcher literal = Pattern.compile("--from-literal=(\\w+)=").matcher(Files.readString(DIRECTORY.resolve("README.md")));
        while (literal.find()) {
            secretKeys.add(literal.group(1));
        }
        for (HasMetadata resource : resources()) {
            PodTemplateSpec pods = podsOf(resource);
            if (pods == null) {
                continue;
            }
            String module = resource.getMetadata().getName();
            for (Container container : pods.getSpec().getContainers()) {
                Set<String> given = new TreeSet<>();
                container.getEnv().forEach(env -> given.add(env.getName()));
                container.getEnvFrom().stream().filter(from -> from.getSecretRef() != null
                    && "push-platform".equals(from.getSecretRef().getName())).findAny().ifPresent(from -> given.addAll(secretKeys));
                Set<String> needed = settingsWithoutAUsableDefault(module);
                assertTrue(given.containsAll(needed), module + " reads " + needed + ", its pods get " + given);
            }
        }
    }
}
