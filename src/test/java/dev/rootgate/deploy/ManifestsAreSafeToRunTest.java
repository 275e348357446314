package dev.rootgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What the production manifests promise: two replicas probed on the management port, nothing run as root or
 * able to gain privileges or write outside /tmp, no secret value in any file, a pinned image, and network
 * access limited to the ingress controller in and to PostgreSQL, DNS and HTTPS out.
 */
class ManifestsAreSafeToRunTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|PRIVATE|_KEY$|CREDENTIAL).*");
    private static List<HasMetadata> objects;
    private static boolean rendered;

    @BeforeAll
    static void load() throws Exception {
        Optional<String> whyNot = Manifests.whyNoRender();
        rendered = whyNot.isEmpty();
        if (rendered) {
            objects = Manifests.render(Manifests.PRODUCTION);
        } else {
            System.out.println("ManifestsAreSafeToRunTest: checking the base's files, not the rendered overlay: " + whyNot.get());
            objects = Manifests.baseFiles();
        }
    }

    private static Deployment deployment() {
        return Manifests.one(objects, Deployment.class);
    }

    private static PodSpec pod() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    private static List<Container> containers() {
        List<Container> all = new ArrayList<>(pod().getContainers());
        all.addAll(pod().getInitContainers());
        return all;
    }

    private static Container rootgate() {
        return pod().getContainers().stream().filter(c -> c.getName().equals("rootgate")).findFirst().orElseThrow();
    }

    @Test
    void atLeastTwoReplicasAndADisruptionBudgetKeepingOne() {
        assertTrue(deployment().getSpec().getReplicas() >= 2, "replicas: " + deployment().getSpec().getReplicas());
        assertEquals(0, deployment().getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
        assertEquals(1, Manifests.one(objects, PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal());
    }

    @Test
    void allThreeProbesAskTheManagementPortsHealth() throws IOException {
        int managementPort = managementPort();
        int named = rootgate().getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst().orElseThrow()
                .getContainerPort();
        assertEquals(managementPort, named, "the container's management port is the one application.properties opens");
        Map<String, Probe> probes = Map.of("/q/health/started", rootgate().getStartupProbe(),
                "/q/health/ready", rootgate().getReadinessProbe(), "/q/health/live", rootgate().getLivenessProbe());
        probes.forEach((path, probe) -> {
            assertNotNull(probe, path);
            assertEquals(path, probe.getHttpGet().getPath());
            assertEquals("management", probe.getHttpGet().getPort().getStrVal(), path);
        });
        for (Service service : Manifests.all(objects, Service.class)) {
            service.getSpec().getPorts().forEach(port -> assertFalse(
                    "management".equals(port.getTargetPort().getStrVal()) || port.getTargetPort().getIntVal() != null
                            && port.getTargetPort().getIntVal() == managementPort, "the management port is not a service's"));
        }
    }

    /** quarkus.management.port, 9000 unless application.properties says otherwise. */
    private static int managementPort() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(reader);
        }
        assertEquals("true", properties.getProperty("quarkus.management.enabled"));
        return Integer.parseInt(properties.getProperty("quarkus.management.port", "9000"));
    }

    @Test
    void nothingRunsAsRootGainsPrivilegesOrWritesOutsideTmp() {
        assertTrue(pod().getSecurityContext().getRunAsNonRoot());
        assertTrue(pod().getSecurityContext().getRunAsUser() > 0);
        assertEquals("RuntimeDefault", pod().getSecurityContext().getSeccompProfile().getType());
        assertFalse(pod().getAutomountServiceAccountToken(), "IRSA brings its own token; the API token is not needed");
        Set<String> emptyDirs = pod().getVolumes().stream().filter(v -> v.getEmptyDir() != null).map(v -> v.getName())
                .collect(Collectors.toSet());
        for (Container container : containers()) {
            var context = container.getSecurityContext();
            assertTrue(context.getRunAsNonRoot(), container.getName());
            assertFalse(context.getAllowPrivilegeEscalation(), container.getName());
            assertTrue(context.getReadOnlyRootFilesystem(), container.getName());
            assertEquals(List.of("ALL"), context.getCapabilities().getDrop(), container.getName());
            assertTrue(context.getCapabilities().getAdd() == null || context.getCapabilities().getAdd().isEmpty());
            assertNotNull(container.getResources().getRequests().get("memory"), container.getName());
            assertNotNull(container.getResources().getLimits().get("memory"), container.getName());
            assertNotNull(container.getResources().getLimits().get("cpu"), container.getName());
            assertTrue(container.getVolumeMounts().stream()
                    .anyMatch(m -> m.getMountPath().equals("/tmp") && emptyDirs.contains(m.getName())), container.getName());
            container.getVolumeMounts().stream().filter(m -> !emptyDirs.contains(m.getName()))
                    .forEach(m -> assertTrue(Boolean.TRUE.equals(m.getReadOnly()), m.getMountPath() + " is read-only"));
        }
    }

    @Test
    void secretsAreReferencedNeverWritten() throws IOException {
        assertTrue(Manifests.all(objects, Secret.class).isEmpty(), "no Secret object: the operator creates them");
        for (Container container : containers()) {
            for (EnvVar env : container.getEnv()) {
                if (SECRET_NAME.matcher(env.getName()).matches()) {
                    assertTrue(env.getValue() == null && env.getValueFrom().getSecretKeyRef() != null,
                            env.getName() + " comes from a Secret");
                }
            }
        }
        for (ConfigMap map : Manifests.all(objects, ConfigMap.class)) {
            map.getData().keySet().forEach(key -> assertFalse(SECRET_NAME.matcher(key).matches(), key + " in a ConfigMap"));
        }
        Map<String, String> fromSecrets = rootgate().getEnv().stream().filter(e -> e.getValueFrom() != null
                && e.getValueFrom().getSecretKeyRef() != null).collect(Collectors.toMap(EnvVar::getName,
                        e -> e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()));
        assertTrue(fromSecrets.keySet().containsAll(Set.of("QUARKUS_OIDC_CREDENTIALS_SECRET",
                "QUARKUS_REST_CSRF_TOKEN_SIGNATURE_KEY", "ROOTGATE_AUDIT_CHECKPOINT_KEY", "ROOTGATE_SLACK_TOKEN",
                "QUARKUS_DATASOURCE_PASSWORD")), fromSecrets.toString());
        assertTrue(rootgate().getEnv().stream().noneMatch(e -> e.getName().startsWith("QUARKUS_FLYWAY")),
                "the schema owner's login stays in the migration's init container");
        try (Stream<Path> files = Stream.concat(Stream.of(Path.of("deploy", "Dockerfile"), Path.of("deploy", "README.md")),
                Files.walk(Manifests.K8S))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (String leak : List.of("-----BEGIN", "xoxb-", "xoxp-", "AKIA", "aws_secret_access_key")) {
                    assertFalse(text.contains(leak), file + " holds something like a secret: " + leak);
                }
            }
        }
    }

    @Test
    void theImageIsPinnedNeverLatest() throws IOException {
        if (rendered) {
            for (Container container : containers()) {
                String image = container.getImage();
                String tag = image.substring(image.lastIndexOf('/') + 1);
                assertTrue(tag.contains(":") || image.contains("@sha256:"), image + " has a tag or digest");
                assertFalse(tag.endsWith(":latest"), image);
            }
        }
        List<?> images = (List<?>) Manifests.kustomization(Manifests.PRODUCTION).get("images");
        assertEquals(1, images.size());
        Object tag = ((Map<?, ?>) images.get(0)).get("newTag");
        assertTrue(tag instanceof String && !((String) tag).isBlank() && !"latest".equals(tag), "newTag: " + tag);
    }

    @Test
    void theServiceAccountCarriesTheBrokerRoleForIrsa() {
        ServiceAccount account = Manifests.one(objects, ServiceAccount.class);
        assertEquals(account.getMetadata().getName(), pod().getServiceAccountName());
        assertTrue(account.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn")
                .matches("arn:aws:iam::[A-Z0-9_]+:role/rootgate-broker"));
    }

    @Test
    void usersComeInThroughTheIngressControllerOverTlsAndTrafficOutIsNarrow() {
        Ingress ingress = Manifests.one(objects, Ingress.class);
        assertFalse(ingress.getSpec().getTls().isEmpty());
        assertTrue(ingress.getSpec().getTls().get(0).getHosts().contains(ingress.getSpec().getRules().get(0).getHost()));
        NetworkPolicy policy = Manifests.one(objects, NetworkPolicy.class);
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        policy.getSpec().getIngress().forEach(rule -> {
            assertEquals(1, rule.getFrom().size());
            NetworkPolicyPeer from = rule.getFrom().get(0);
            assertTrue(from.getIpBlock() == null && from.getPodSelector() == null && from.getNamespaceSelector() != null);
            String namespace = from.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
            int port = rule.getPorts().get(0).getPort().getIntVal();
            assertEquals(1, rule.getPorts().size());
            assertTrue(namespace.equals("ingress-nginx") && port == 8080 || namespace.equals("monitoring") && port == 9000,
                    namespace + ":" + port);
        });
        Set<Integer> out = policy.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal()).collect(Collectors.toSet());
        assertEquals(Set.of(53, 5432, 443, 4317), out);
        // OTLP goes to the collector's namespace only, not to any address on port 4317.
        policy.getSpec().getEgress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == 4317))
                .forEach(rule -> {
                    assertEquals(1, rule.getPorts().size());
                    assertEquals(1, rule.getTo().size());
                    assertEquals(Map.of("kubernetes.io/metadata.name", "observability"),
                            rule.getTo().get(0).getNamespaceSelector().getMatchLabels());
                });
    }

    @Test
    void theOverlayShipsThePolicyTheIamLockdownWasGeneratedFrom() throws IOException {
        assertEquals(Files.readString(Path.of("deploy", "policy.example.yaml")),
                Files.readString(Manifests.PRODUCTION.resolve("policy.yaml")),
                "deploy/aws is generated from deploy/policy.example.yaml: edit both together (deploy/README.md)");
    }
}
