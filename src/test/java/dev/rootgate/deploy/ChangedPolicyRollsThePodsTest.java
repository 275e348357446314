package dev.rootgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The policy and the settings reach the pods through generated ConfigMaps whose names carry a hash of their
 * content: a change is a new name in the pod template, so Kubernetes rolls the pods instead of leaving them on the
 * old policy.
 */
class ChangedPolicyRollsThePodsTest {

    @Test
    void thePolicyAndSettingsAreGeneratedNeverPlainConfigMaps() throws IOException {
        List<?> generators = (List<?>) Manifests.kustomization(Manifests.PRODUCTION).get("configMapGenerator");
        Map<?, ?> policy = generator(generators, "rootgate-policy");
        assertEquals(List.of("policy.yaml"), policy.get("files"));
        Object options = policy.get("options");
        assertFalse(options instanceof Map<?, ?> set && Boolean.TRUE.equals(set.get("disableNameSuffixHash")),
                "the generated name keeps its hash suffix");
        generator(generators, "rootgate-settings");
        assertTrue(Manifests.all(Manifests.baseFiles(), ConfigMap.class).isEmpty(), "no hand-written ConfigMap in the base");
    }

    private static Map<?, ?> generator(List<?> generators, String name) {
        return generators.stream().map(g -> (Map<?, ?>) g).filter(g -> name.equals(g.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no configMapGenerator " + name));
    }

    @Test
    void aChangedPolicyIsANewConfigMapNameInThePodTemplate(@TempDir Path copy) throws Exception {
        Optional<String> whyNot = Manifests.whyNoRender();
        assumeTrue(whyNot.isEmpty(), () -> "the overlay cannot be rendered here: " + whyNot.get());
        copyTree(Manifests.K8S, copy);
        Path overlay = copy.resolve(Manifests.K8S.relativize(Manifests.PRODUCTION));
        String before = policyMapOf(Manifests.render(overlay));
        assertTrue(before.matches("rootgate-policy-[a-z0-9]{10}"), before);

        Files.writeString(overlay.resolve("policy.yaml"), "\n# one more line\n", java.nio.file.StandardOpenOption.APPEND);
        List<HasMetadata> changed = Manifests.render(overlay);
        String after = policyMapOf(changed);
        assertNotEquals(before, after, "a changed policy must change the name the pods mount");
        assertTrue(Manifests.all(changed, ConfigMap.class).stream().anyMatch(m -> m.getMetadata().getName().equals(after)));
    }

    /** The ConfigMap the Deployment's policy volume mounts. */
    private static String policyMapOf(List<HasMetadata> objects) {
        return Manifests.one(objects, Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("policy")).findFirst().orElseThrow().getConfigMap().getName();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
