package io.stepwise.it.crash;

import io.stepwise.it.LocalClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code stepwise serve} in a JVM of its own, so that it can be killed as a crash kills it: no shutdown hook, no
 * flush, no goodbye. It binds a free loopback port and reports it on standard output.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Step Functions API on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern RESUMED = Pattern.compile("resumed (\\d+) task");

    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private volatile int resumedTasks;

    private ServerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "stepwise-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a server on {@code dataDir} and waits until it serves. */
    static ServerProcess start(Path dataDir, Duration timeout) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(dataDir.getParent(), "stepwise-server", ".err");
        Process process = serve(dataDir)
                .redirectError(stderr.toFile())
                .start();
        ServerProcess server = new ServerProcess(process);
        server.awaitReady(timeout, stderr);
        return server;
    }

    /** How a server that was expected to refuse to start ended. */
    record Exit(int code, String stdout, String stderr) {
    }

    /** Starts a server on {@code dataDir} that should refuse to start, and waits for it to exit. */
    static Exit startExpectingRefusal(Path dataDir, Duration timeout) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(dataDir.getParent(), "stepwise-refused", ".out");
        Path stderr = Files.createTempFile(dataDir.getParent(), "stepwise-refused", ".err");
        Process process = serve(dataDir)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException("the server did not refuse to start: " + Files.readString(stdout));
        }
        return new Exit(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private static ProcessBuilder serve(Path dataDir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire may hide the test classpath behind a manifest-only jar; it publishes the real one here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-cp", classpath, "io.stepwise.local.StepwiseCli", "serve",
                "--port", "0", "--data-dir", dataDir.toString());
    }

    long pid() {
        return process.pid();
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher resumed = RESUMED.matcher(line);
                if (resumed.find()) {
                    resumedTasks = Integer.parseInt(resumed.group(1));
                }
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    port.complete(Integer.parseInt(ready.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the server exited: " + output));
    }

    private void awaitReady(Duration timeout, Path stderr) throws IOException, InterruptedException {
        try {
            port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start: " + output + "\n"
                    + Files.readString(stderr), e);
        }
    }

    int port() {
        return port.join();
    }

    /** How many tasks the server dispatched again at startup, as it reported them. */
    int resumedTasks() {
        return resumedTasks;
    }

    SfnClient client() {
        // Longer than GetActivityTask's 60 s long poll, which the workers use.
        return LocalClients.to(port(), Duration.ofSeconds(70));
    }

    /** A client that reports the first answer it gets: an SDK retry could hide a failure behind a success. */
    SfnClient clientWithoutRetries() {
        return LocalClients.to(port(), Duration.ofSeconds(70), c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed server is still running");
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
