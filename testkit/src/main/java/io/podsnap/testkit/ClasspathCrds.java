package io.podsnap.testkit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The CRDs fabric8's crd-generator wrote into {@code META-INF/fabric8/<plural>.<group>-v1.yml}, from every
 * classpath entry: the api module's {@code target/classes} in a reactor build, or its jar. A jar is found through
 * its {@code META-INF/fabric8/} directory entry, which Maven's jar and shade plugins write; a jar built without
 * directory entries is not seen ({@link MockApiServer#registerCrd} still works for its CRDs).
 */
final class ClasspathCrds {
    static final String DIRECTORY = "META-INF/fabric8";
    static final String SUFFIX = "-v1.yml";

    private ClasspathCrds() {}

    /** Keyed by CRD name; when two classpath entries carry the same CRD the first one wins, as class loading does. */
    static List<CustomResourceDefinition> load(ClassLoader loader, KubernetesSerialization serialization) {
        Map<String, CustomResourceDefinition> crds = new LinkedHashMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(DIRECTORY);
            while (roots.hasMoreElements()) {
                for (CustomResourceDefinition crd : loadFrom(roots.nextElement(), serialization)) {
                    crds.putIfAbsent(crd.getMetadata().getName(), crd);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY + " on the classpath", e);
        }
        return List.copyOf(crds.values());
    }

    private static List<CustomResourceDefinition> loadFrom(URL root, KubernetesSerialization serialization)
            throws IOException {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        switch (root.getProtocol()) {
            case "file" -> {
                Path dir;
                try {
                    dir = Path.of(root.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("bad classpath URL " + root, e);
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            crds.add(parse(in, serialization, file.toString()));
                        }
                    }
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    List<JarEntry> entries = jar.stream()
                            .filter(e -> e.getName().startsWith(DIRECTORY + "/") && e.getName().endsWith(SUFFIX)
                                    && e.getName().indexOf('/', DIRECTORY.length() + 1) < 0)
                            .sorted((a, b) -> a.getName().compareTo(b.getName()))
                            .toList();
                    for (JarEntry entry : entries) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            crds.add(parse(in, serialization, jar.getName() + "!/" + entry.getName()));
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list CRDs in a classpath entry of type " + root.getProtocol()
                    + ": " + root);
        }
        return crds;
    }

    private static CustomResourceDefinition parse(InputStream in, KubernetesSerialization serialization, String where) {
        Object parsed = serialization.unmarshal(in);
        if (!(parsed instanceof CustomResourceDefinition crd)) {
            throw new IllegalStateException(where + " is not an apiextensions.k8s.io/v1 CustomResourceDefinition but "
                    + (parsed == null ? "empty" : parsed.getClass().getSimpleName()));
        }
        return crd;
    }
}
