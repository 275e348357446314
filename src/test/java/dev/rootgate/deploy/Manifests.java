package dev.rootgate.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * deploy/k8s as the cluster would receive it: the production overlay rendered by {@code kubectl kustomize} when
 * kubectl is installed, else the base's files as they are (then the overlay's generators and image pin are read
 * from its kustomization.yaml instead of being applied).
 */
final class Manifests {

    static final Path K8S = Path.of("deploy", "k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path PRODUCTION = K8S.resolve("overlays").resolve("production");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** Why the overlay cannot be rendered here, or empty when it can. */
    static Optional<String> whyNoRender() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.of("kubectl version --client failed: " + output);
            }
            if (!output.contains("Kustomize Version: v5")) {
                return Optional.of("kubectl's kustomize is older than v5 (the overlay uses v5's syntax): " + output);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("kubectl is not installed (.ci/run installs it): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** {@code kubectl kustomize <directory>}, as typed objects. */
    static List<HasMetadata> render(Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString()).start();
        String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + directory + " failed: " + errors);
        }
        return parse(rendered);
    }

    /** The files the base's kustomization lists, as typed objects. */
    static List<HasMetadata> baseFiles() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (Object resource : (List<?>) kustomization(BASE).get("resources")) {
            objects.addAll(parse(Files.readString(BASE.resolve(resource.toString()))));
        }
        return objects;
    }

    static Map<String, Object> kustomization(Path directory) throws IOException {
        return new Yaml().load(Files.readString(directory.resolve("kustomization.yaml")));
    }

    static List<HasMetadata> parse(String documents) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : documents.split("(?m)^---\\s*$")) {
            if (!document.replaceAll("(?m)^\\s*#.*$", "").isBlank()) {
                objects.add(SERIALIZATION.unmarshal(document));
            }
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind) {
        List<T> found = all(objects, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }
}
