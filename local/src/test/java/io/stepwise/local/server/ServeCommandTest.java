package io.stepwise.local.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void defaultsBindLoopbackOnPort8083WithTheHomeDataDir() {
        ServeOptions options = ServeCommand.parse(new String[0]);

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8083);
        assertThat(options.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".stepwise"));
        assertThat(options.inMemory()).isFalse();
        assertThat(options.virtualTime()).isFalse();
    }

    @Test
    void parsesEveryOption() {
        ServeOptions options = ServeCommand.parse(new String[] {
            "--port", "9000", "--data-dir", "/tmp/sw", "--in-memory", "--virtual-time"});

        assertThat(options).isEqualTo(new ServeOptions("127.0.0.1", 9000, Path.of("/tmp/sw"), true, true));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ServeCommand.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ServeCommand.parse(new String[] {"--port", "x"})).hasMessageContaining("number");
        assertThatThrownBy(() -> ServeCommand.parse(new String[] {"--port", "70000"})).hasMessageContaining("between");
        assertThatThrownBy(() -> ServeCommand.parse(new String[] {"--bogus"})).hasMessageContaining("unknown option");
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        assertThat(ServeCommand.run(new String[] {"--bogus"})).isEqualTo(2);
    }
}
