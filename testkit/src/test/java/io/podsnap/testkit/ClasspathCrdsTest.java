package io.podsnap.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathCrdsTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void findsCrdsInDirectoriesAndJarsOnce(@TempDir Path tmp) throws IOException {
        CustomResourceDefinition widgets = TestCrds.widgets();
        CustomResourceDefinition gadgets = TestCrds.widgets();
        gadgets.getMetadata().setName("gadgets.testkit.podsnap.io");
        gadgets.getSpec().getNames().setPlural("gadgets");

        Path classes = tmp.resolve("classes");
        write(classes.resolve("META-INF/fabric8/widgets.testkit.podsnap.io-v1.yml"), SERIALIZATION.asYaml(widgets));
        write(classes.resolve("META-INF/fabric8/widgets.testkit.podsnap.io-v1beta1.yml"), "not a v1 CRD");
        write(classes.resolve("META-INF/fabric8/nested/other-v1.yml"), "not read: nested");
        Path jar = tmp.resolve("api.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Directory entries, as Maven's jar plugin writes them: ClassLoader.getResources finds a jar by them.
            out.putNextEntry(new JarEntry("META-INF/"));
            out.putNextEntry(new JarEntry("META-INF/fabric8/"));
            entry(out, "META-INF/fabric8/gadgets.testkit.podsnap.io-v1.yml", SERIALIZATION.asYaml(gadgets));
            // The same CRD as in the directory: the first classpath entry wins.
            entry(out, "META-INF/fabric8/widgets.testkit.podsnap.io-v1.yml", SERIALIZATION.asYaml(gadgets));
            entry(out, "META-INF/fabric8/nested/other-v1.yml", "not read: nested");
        }

        List<CustomResourceDefinition> found;
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL(), jar.toUri().toURL()}, null)) {
            found = ClasspathCrds.load(loader, SERIALIZATION);
        }

        assertThat(found).extracting(c -> c.getMetadata().getName(), c -> c.getSpec().getNames().getPlural())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("widgets.testkit.podsnap.io", "widgets"),
                        org.assertj.core.groups.Tuple.tuple("gadgets.testkit.podsnap.io", "gadgets"));
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream body = out;
        body.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
