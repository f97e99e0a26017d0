package org.pushplatform.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** The manifests under {@code deploy/k8s/}, read as the Kubernetes API's model (fabric8's) of each one's kind. */
final class KubernetesManifests {

    static final Path DIRECTORY = Path.of("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
        "apps/v1 Deployment", Deployment.class,
        "apps/v1 StatefulSet", StatefulSet.class,
        "v1 Service", Service.class,
        "v1 Secret", Secret.class,
        "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
        // custom resources, whose APIs are not in the model: their specs are checked by the tests of their kind
        "kafka.strimzi.io/v1beta2 KafkaTopic", GenericKubernetesResource.class,
        "keda.sh/v1alpha1 ScaledObject", GenericKubernetesResource.class);

    private KubernetesManifests() {
    }

    static Set<String> portNames(Container container) {
        Set<String> names = new TreeSet<>();
        for (ContainerPort port : container.getPorts()) {
            if (port.getName() != null) {
                names.add(port.getName());
            }
        }
        return names;
    }

    /** The custom resources of a kind (read as generic ones: their API is not in the model). */
    static List<GenericKubernetesResource> custom(List<HasMetadata> resources, String kind) {
        return resources.stream().filter(r -> r instanceof GenericKubernetesResource && r.getKind().equals(kind))
            .map(GenericKubernetesResource.class::cast).toList();
    }

    static PodTemplateSpec podsOf(HasMetadata resource) {
        if (resource instanceof Deployment deployment) {
            return deployment.getSpec().getTemplate();
        }
        if (resource instanceof StatefulSet statefulSet) {
            return statefulSet.getSpec().getTemplate();
        }
        return null;
    }

    /** Every document of every manifest, read as the model class of its apiVersion and kind. */
    static List<HasMetadata> resources() throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listed = Files.walk(DIRECTORY)) {
            files = listed.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll()) {
                if (document == null || document.isEmpty()) {
                    continue;
                }
                String kind = document.path("apiVersion").asText() + " " + document.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                if (type == null) {
                    throw new IllegalStateException(file + ": a resource of a kind this check does not know: " + kind);
                }
                resources.add(YAML.treeToValue(document, type));
            }
        }
        return resources;
    }

    /** Collects, with their paths, the fields a model object kept aside as unknown to its kind (its additional properties). */
    static void unknownFields(Object model, String path, List<String> unknown) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (model instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (model instanceof GenericKubernetesResource || !model.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
