package io.stepwise.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one {@link StepwiseStack}. Context values (from {@code cdk.json} or {@code cdk synth -c k=v}):
 * {@code functionsJar} (default {@code ../functions/target/functions.jar}), {@code kmsKeyArn} (optional), {@code alarmTopicArn} (optional),
 * {@code api} ({@code http}, the default, or {@code rest}: {@link ApiKind}), {@code workerMemoryMb} (default
 * {@value StepwiseOptions#DEFAULT_WORKER_MEMORY_MB}) and {@code stackName} (default {@code Stepwise}). The stack is environment-agnostic, so synthesis needs neither
 * credentials nor network.
 */
public final class StepwiseApp {
    static final String DEFAULT_JAR = "../functions/target/functions.jar";

    private StepwiseApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        String jar = context(app, "functionsJar", DEFAULT_JAR);
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The functions jar " + Path.of(jar).toAbsolutePath() + " does not exist;"
                    + " build it first: (cd .. && mvn -q -pl functions -am package -DskipTests)");
        }
        String stackName = context(app, "stackName", "Stepwise");
        new StepwiseStack(app, stackName, StackProps.builder().stackName(stackName)
                .description("Stepwise: the AWS Step Functions API on Lambda, DynamoDB and SQS").build(),
                new StepwiseOptions(jar, context(app, "kmsKeyArn", null), context(app, "alarmTopicArn", null),
                        context(app, "logGroupPrefix", null), ApiKind.parse(context(app, "api", null)),
                        memory(context(app, "workerMemoryMb", null))));
        app.synth();
    }

    private static Integer memory(String value) {
        return value == null ? null : Integer.valueOf(value.trim());
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
