package org.pushplatform.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.javadoc.description.JavadocDescription;
import com.github.javaparser.javadoc.description.JavadocInlineTag;
import com.github.javaparser.javadoc.description.JavadocSnippet;

/**
 * The configuration reference ({@code CONFIGURATION.md}): one table per service, made from its {@code @ConfigMapping}
 * source (each setting's name, type, default and Javadoc) and its {@code application.properties} (the environment
 * variable it reads, and the default it gives there).
 */
final class ConfigReference {

    static final Path FILE = Path.of("..", "CONFIGURATION.md");
    static final List<String> SERVICES = List.of("connection-gateway", "routing-service", "chat-service", "device-service", "iot-service");

    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    private record Setting(String property, String type, String defaultValue, String environment, String meaning) {
    }

    private ConfigReference() {
    }

    static String generate() throws IOException {
        StringBuilder out = new StringBuilder("""
            # Configuration reference

            Made from each service's `@ConfigMapping` and `application.properties` by `ConfigReferenceTest` (deploy module),
            which fails when this file is out of date; write it anew with
            `CONFIG_REFERENCE_WRITE=1 ./mvnw -pl deploy test -Dtest=ConfigReferenceTest`. Set a setting by its environment
            variable; the sections of a map (the gateway's listeners) are the ones the service configures. The services also
            read Quarkus's own settings (`quarkus.*`, such as `QUARKUS_HTTP_PORT` and the data source); the README's
            "Configuration" says which of those matter.
            """);
        for (String service : SERVICES) {
            out.append("\n## ").append(service).append("\n\n| setting | environment variable | default | meaning |\n|---|---|---|---|\n");
            for (Setting setting : settingsOf(service)) {
                out.append("| `").append(setting.property()).append("` | ").append(code(setting.environment())).append(" | ")
                    .append(code(setting.defaultValue())).append(" | ").append(setting.meaning()).append(" |\n");
            }
        }
        return out.toString();
    }

    private static List<Setting> settingsOf(String service) throws IOException {
        Map<String, String[]> properties = ServiceProperties.values(service);
        List<Setting> settings = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("..", service, "src/main/java"))) {
            for (Path source : (Iterable<Path>) sources.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(source);
                if (!text.contains("@ConfigMapping")) {
                    continue;
                }
                CompilationUnit unit = PARSER.parse(text).getResult().orElseThrow();
                for (ClassOrInterfaceDeclaration mapping : unit.findAll(ClassOrInterfaceDeclaration.class,
                    type -> type.getAnnotationByName("ConfigMapping").isPresent())) {
                    String prefix = annotationValue(mapping.getAnnotationByName("ConfigMapping").get(), "prefix").orElse("");
                    walk(mapping, prefix, unit, properties, settings);
                }
            }
        }
        return settings;
    }

    private static void walk(ClassOrInterfaceDeclaration group, String prefix, CompilationUnit unit, Map<String, String[]> properties,
                             List<Setting> settings) {
        for (MethodDeclaration method : group.getMethods()) {
            if (method.isDefault() || method.isStatic() || !method.getParameters().isEmpty()) {
                continue;
            }
            String name = method.getAnnotationByName("WithName").flatMap(a -> annotationValue(a, "value")).orElse(kebab(method.getNameAsString()));
            String property = prefix.isEmpty() ? name : prefix + "." + name;
            Type type = method.getType();
            Optional<ClassOrInterfaceDeclaration> nested = groupOf(type, unit);
            Optional<ClassOrInterfaceDeclaration> mapped = mapValue(type).flatMap(value -> groupOf(value, unit));
            if (nested.isPresent()) {
                walk(nested.get(), property, unit, properties, settings);
            } else if (mapped.isPresent()) {
                // each section the service's properties configure (one listener each), or the shape of one
                List<String> sections = sectionsOf(property, properties);
                for (String section : sections.isEmpty() ? List.of("<name>") : sections) {
                    walk(mapped.get(), property + "." + section, unit, properties, settings);
                }
            } else {
                String[] fromProperties = properties.get(property);
                String fallback = method.getAnnotationByName("WithDefault").flatMap(a -> annotationValue(a, "value"))
                    .orElse(type.asString().startsWith("Optional") || type.asString().contains(".Optional") ? "unset" : "required");
                settings.add(new Setting(property, simple(type),
                    fromProperties != null && fromProperties[1] != null ? fromProperties[1] : fallback,
                    fromProperties != null ? fromProperties[0] : environmentName(property),
                    method.getJavadoc().map(doc -> text(doc.getDescription())).orElse("")));
            }
        }
    }

    private static List<String> sectionsOf(String mapProperty, Map<String, String[]> properties) {
        return properties.keySet().stream().filter(key -> key.startsWith(mapProperty + "."))
            .map(key -> key.substring(mapProperty.length() + 1).split("\\.", 2)[0]).distinct().sorted().toList();
    }

    private static Optional<ClassOrInterfaceDeclaration> groupOf(Type type, CompilationUnit unit) {
        String simple = type.isClassOrInterfaceType() ? type.asClassOrInterfaceType().getNameAsString() : type.asString();
        return unit.findFirst(ClassOrInterfaceDeclaration.class, declaration -> declaration.isInterface()
            && declaration.getNameAsString().equals(simple) && declaration.getAnnotationByName("ConfigMapping").isEmpty());
    }

    private static Optional<Type> mapValue(Type type) {
        if (!type.isClassOrInterfaceType()) {
            return Optional.empty();
        }
        ClassOrInterfaceType map = type.asClassOrInterfaceType();
        return map.getNameAsString().equals("Map") ? map.getTypeArguments().filter(args -> args.size() == 2).map(args -> args.get(1))
            : Optional.empty();
    }

    private static Optional<String> annotationValue(AnnotationExpr annotation, String member) {
        Optional<Expression> value = annotation.isSingleMemberAnnotationExpr()
            ? Optional.of(annotation.asSingleMemberAnnotationExpr().getMemberValue())
            : annotation.isNormalAnnotationExpr() ? annotation.asNormalAnnotationExpr().getPairs().stream()
                .filter(pair -> pair.getNameAsString().equals(member)).map(pair -> pair.getValue()).findFirst()
            : Optional.empty();
        return value.map(v -> v.isStringLiteralExpr() ? v.asStringLiteralExpr().asString() : v.toString());
    }

    /** SmallRye Config's default naming: {@code maxInboundBytes} is {@code max-inbound-bytes}. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The environment variable SmallRye Config maps to a property: upper case, every other character {@code _}. */
    static String environmentName(String property) {
        return property.contains("<") ? "" : property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private static String simple(Type type) {
        return type.asString().replaceAll("java\\.(time|util)\\.", "");
    }

    private static String text(JavadocDescription description) {
        StringBuilder text = new StringBuilder();
        description.getElements().forEach(element -> {
            if (element instanceof JavadocInlineTag tag) {
                text.append('`').append(tag.getContent().trim()).append('`');
            } else if (element instanceof JavadocSnippet snippet) {
                text.append(snippet.toText());
            }
        });
        return text.toString().replaceAll("\\s+", " ").replace("|", "\\|").trim();
    }

    private static String code(String value) {
        return value == null || value.isEmpty() ? "" : "`" + value + "`";
    }
}
