package io.stepwise.asl.validation;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code arn:aws:states:::service:action[.pattern]} resources exist, and which integration
 * patterns each service supports (the "optimized integrations" table of the Step Functions guide).
 */
final class ServiceIntegrations {
    enum IntegrationPattern { REQUEST_RESPONSE, SYNC, WAIT_FOR_TASK_TOKEN }

    private record Service(Set<String> actions, boolean sync, boolean callback) {
    }

    private static final Pattern RESOURCE_ARN = Pattern.compile("arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:\\d*:.+");
    private static final String INTEGRATION_PREFIX = ":states:::";

    private static final Map<String, Service> SERVICES = Map.ofEntries(
            Map.entry("lambda", new Service(Set.of("invoke"), false, true)),
            Map.entry("dynamodb", new Service(Set.of("getItem", "putItem", "deleteItem", "updateItem"), false, false)),
            Map.entry("sns", new Service(Set.of("publish"), false, true)),
            Map.entry("sqs", new Service(Set.of("sendMessage"), false, true)),
            Map.entry("states", new Service(Set.of("startExecution"), true, true)),
            Map.entry("events", new Service(Set.of("putEvents"), false, true)),
            Map.entry("apigateway", new Service(Set.of("invoke"), false, true)),
            Map.entry("http", new Service(Set.of("invoke"), false, false)),
            Map.entry("ecs", new Service(Set.of("runTask"), true, true)),
            Map.entry("eks", new Service(Set.of("runJob", "call", "createCluster", "deleteCluster",
                    "createNodegroup", "deleteNodegroup", "createFargateProfile", "deleteFargateProfile"), true, true)),
            Map.entry("batch", new Service(Set.of("submitJob"), true, false)),
            Map.entry("glue", new Service(Set.of("startJobRun"), true, false)),
            Map.entry("databrew", new Service(Set.of("startJobRun"), true, false)),
            Map.entry("athena", new Service(Set.of("startQueryExecution", "stopQueryExecution",
                    "getQueryExecution", "getQueryResults"), true, false)),
            Map.entry("codebuild", new Service(Set.of("startBuild", "stopBuild", "batchDeleteBuilds",
                    "batchGetReports", "startBuildBatch"), true, false)),
            Map.entry("bedrock", new Service(Set.of("invokeModel", "createModelCustomizationJob"), true, true)),
            Map.entry("mediaconvert", new Service(Set.of("createJob"), true, false)),
            Map.entry("sagemaker", new Service(Set.of("createTrainingJob", "createTransformJob", "createModel",
                    "createEndpoint", "createEndpointConfig", "updateEndpoint", "createHyperParameterTuningJob",
                    "createLabelingJob", "createProcessingJob"), true, false)),
            Map.entry("elasticmapreduce", new Service(Set.of("createCluster", "terminateCluster", "addStep",
                    "cancelStep", "setClusterTerminationProtection", "modifyInstanceFleetByName",
                    "modifyInstanceGroupByName"), true, false)),
            Map.entry("emr-containers", new Service(Set.of("startJobRun", "createVirtualCluster",
                    "deleteVirtualCluster"), true, false)),
            Map.entry("emr-serverless", new Service(Set.of("createApplication", "startApplication",
                    "stopApplication", "deleteApplication", "startJobRun", "cancelJobRun"), true, false)));

    private ServiceIntegrations() {
    }

    /** The integration pattern a resource asks for, from its suffix. */
    static IntegrationPattern pattern(String resource) {
        if (resource.endsWith(".waitForTaskToken")) {
            return IntegrationPattern.WAIT_FOR_TASK_TOKEN;
        }
        return resource.matches(".*\\.sync(:\\d+)?") ? IntegrationPattern.SYNC : IntegrationPattern.REQUEST_RESPONSE;
    }

    /** Whether AWS recognises {@code resource}: a known integration with a supported pattern, or another ARN. */
    static boolean recognized(String resource) {
        if (!RESOURCE_ARN.matcher(resource).matches()) {
            return false;
        }
        int prefix = resource.indexOf(INTEGRATION_PREFIX);
        if (prefix < 0) {
            // Lambda function and activity ARNs carry region and account; AWS only checks their shape here.
            return true;
        }
        String[] parts = resource.substring(prefix + INTEGRATION_PREFIX.length()).split(":", 2);
        if (parts.length < 2) {
            return false;
        }
        IntegrationPattern pattern = pattern(resource);
        if (parts[0].equals("aws-sdk")) {
            return pattern != IntegrationPattern.SYNC && parts[1].matches("[a-z0-9-]+:[a-zA-Z0-9]+(\\.waitForTaskToken)?");
        }
        Service service = SERVICES.get(parts[0]);
        String action = parts[1].replaceFirst("\\.(waitForTaskToken|sync(:\\d+)?)$", "");
        return service != null && service.actions().contains(action)
                && (pattern != IntegrationPattern.SYNC || service.sync())
                && (pattern != IntegrationPattern.WAIT_FOR_TASK_TOKEN || service.callback());
    }
}
