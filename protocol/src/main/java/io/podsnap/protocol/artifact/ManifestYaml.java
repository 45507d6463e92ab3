package io.podsnap.protocol.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.LoaderOptions;

/** The one YAML mapper for manifest.yaml, shared by the writer and the reader so both agree on the encoding. */
final class ManifestYaml {
    private ManifestYaml() {}

    /**
     * SnakeYAML refuses documents above 3 MB by default; a manifest lists every file of the artifact (a directory
     * rootfs diff can hold hundreds of thousands), so allow far more while still bounding a hostile file.
     */
    private static final int MAX_MANIFEST_CODE_POINTS = 64 * 1024 * 1024;

    static final ObjectMapper MAPPER = build();

    private static ObjectMapper build() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_MANIFEST_CODE_POINTS);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .build();
        return YAMLMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                // A newer podsnap may add fields within the same format version; older readers must not choke.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
                .build();
    }
}
