package io.stepwise.local.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.local.config.FunctionSource;
import io.stepwise.local.store.Durability;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
    private static ServeOptions parse(String... args) {
        return ServeCommand.parse(args, Map.of());
    }

    @Test
    void defaultsBindLoopbackOnPort8083WithTheHomeDataDir() {
        ServeOptions options = parse();

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8083);
        assertThat(options.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".stepwise"));
        assertThat(options.inMemory()).isFalse();
        assertThat(options.virtualTime()).isFalse();
        assertThat(options.config()).isNull();
        assertThat(options.functions()).isEmpty();
        assertThat(options.mockConfig()).isNull();
        assertThat(options.durability()).isEqualTo(Durability.FULL);
    }

    @Test
    void parsesEveryOption() {
        ServeOptions options = parse("--port", "9000", "--data-dir", "/tmp/sw", "--in-memory", "--virtual-time",
                "--config", "stepwise.json", "--function", "greet=com.example.Greet", "--mock-config", "mocks.json",
                "--durability", "relaxed", "--account", "210987654321");

        assertThat(options).isEqualTo(new ServeOptions("127.0.0.1", 9000, Path.of("/tmp/sw"), true, true,
                Path.of("stepwise.json"), Map.of("greet", new FunctionSource.Handler("com.example.Greet")),
                Path.of("mocks.json"), Durability.RELAXED, AccessKeys.none(), "210987654321"));
    }

    @Test
    void theAccountIsTwelveDigitsAndWinsOverTheEnvironment() {
        assertThatThrownBy(() -> parse("--account", "12345")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--account must be twelve digits");
        assertThat(LocalStepwise.arns("210987654321").account()).isEqualTo("210987654321");
    }

    @Test
    void takesTheMockConfigurationFromTheEnvironmentLikeStepFunctionsLocal() {
        assertThat(ServeCommand.parse(new String[0], Map.of("SFN_MOCK_CONFIG", "/m.json")).mockConfig())
                .isEqualTo(Path.of("/m.json"));
        assertThat(ServeCommand.parse(new String[] {"--mock-config", "x.json"}, Map.of("SFN_MOCK_CONFIG", "/m.json"))
                .mockConfig()).isEqualTo(Path.of("x.json"));
    }

    @Test
    void takesTheHostAndAccessKeysFromOptionsAndTheEnvironment() {
        ServeOptions options = ServeCommand.parse(new String[] {"--host", "0.0.0.0", "--access-key", "AKID1:s1",
            "--access-key", "AKID2:s2:with:colons"}, Map.of("STEPWISE_ACCESS_KEYS", "AKID3:s3, AKID4:s4"));

        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.accessKeys().secrets()).containsOnly(Map.entry("AKID1", "s1"),
                Map.entry("AKID2", "s2:with:colons"), Map.entry("AKID3", "s3"), Map.entry("AKID4", "s4"));
        assertThat(options.toString()).doesNotContain("s1", "s3").contains("AKID1");
        assertThatThrownBy(() -> parse("--access-key", "AKIDONLY")).hasMessageContaining("ID:SECRET");
        assertThatThrownBy(() -> parse("--access-key", ":secret")).hasMessageContaining("ID:SECRET");
    }

    @Test
    void refusesToServeBeyondLoopbackWithoutAccessKeys() throws Exception {
        assertThat(ServeCommand.run(new String[] {"--in-memory", "--port", "0", "--host", "0.0.0.0"})).isEqualTo(2);
        assertThatThrownBy(() -> LocalStepwise.start(ServeOptions.defaults().withInMemory(true).withPort(0)
                .withHost("0.0.0.0"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--access-key");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("--port", "x")).hasMessageContaining("number");
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessageContaining("between");
        assertThatThrownBy(() -> parse("--bogus")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> parse("--function", "greet")).hasMessageContaining("NAME=");
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        assertThat(ServeCommand.run(new String[] {"--bogus"})).isEqualTo(2);
    }

    @Test
    void aFunctionThatCannotBeLoadedExitsWithTwo() throws Exception {
        assertThat(ServeCommand.run(new String[] {"--in-memory", "--port", "0", "--function", "f=no.such.Handler"}))
                .isEqualTo(2);
    }
}
