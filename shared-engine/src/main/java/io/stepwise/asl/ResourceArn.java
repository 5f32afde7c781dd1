package io.stepwise.asl;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task state's {@code Resource}, parsed once: the one place that knows the shapes AWS accepts there. Every
 * other part (validator, interpreter, registries, integrations) asks this type instead of taking the text apart.
 */
public sealed interface ResourceArn
        permits ResourceArn.ServiceIntegration, ResourceArn.LambdaFunction, ResourceArn.Activity, ResourceArn.OtherArn {

    /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}, the general shape of an ARN. */
    Pattern ARN = Pattern.compile("arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\\d*):(.+)");
    /** The service part of {@code arn:aws:states:::aws-sdk:<service>:<action>} that names the SDK integrations. */
    String AWS_SDK = "aws-sdk";

    /** The resource as written in the definition. */
    String text();

    /** {@code aws}, {@code aws-cn}, {@code aws-us-gov}, … */
    String partition();

    /** The integration pattern; only service integrations have one other than request-response. */
    default IntegrationPattern pattern() {
        return IntegrationPattern.REQUEST_RESPONSE;
    }

    /**
     * An optimized service integration, {@code arn:<partition>:states:::<service>:<action>[<suffix>]}, or an AWS SDK
     * integration, {@code arn:<partition>:states:::aws-sdk:<service>:<action>[<suffix>]} ({@code awsSdk}).
     *
     * @param action the action without the pattern's suffix, e.g. {@code startExecution}
     */
    record ServiceIntegration(String text, String partition, boolean awsSdk, String service, String action,
                              IntegrationPattern pattern) implements ResourceArn {

        /** History's {@code resourceType}: the service, prefixed {@code aws-sdk:} for SDK integrations. */
        public String resourceType() {
            return awsSdk ? AWS_SDK + ":" + service : service;
        }

        /** History's {@code resource}: the action with the pattern's suffix, e.g. {@code startExecution.sync:2}. */
        public String resource() {
            return action + pattern.suffix();
        }

        public boolean is(String service, String action) {
            return !awsSdk && this.service.equals(service) && this.action.equals(action);
        }
    }

    /** {@code arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]}, invoked directly. */
    record LambdaFunction(String text, String partition, String region, String account, String name,
                          String qualifier) implements ResourceArn {
    }

    /** {@code arn:<partition>:states:<region>:<account>:activity:<name>}, worked by activity workers. */
    record Activity(String text, String partition, String region, String account, String name)
            implements ResourceArn {
    }

    /** Any other well-formed ARN: AWS accepts its shape in a definition, and nothing here serves it. */
    record OtherArn(String text, String partition, String service, String region, String account, String resource)
            implements ResourceArn {
    }

    /**
     * The resource's parts, or empty when {@code text} is not an ARN, or is shaped as a service integration but
     * names no action.
     */
    static Optional<ResourceArn> parse(String text) {
        Matcher m = ARN.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String partition = m.group(1);
        String service = m.group(2);
        String region = m.group(3);
        String account = m.group(4);
        String resource = m.group(5);
        if (service.equals("states") && region.isEmpty() && account.isEmpty()) {
            return integration(text, partition, resource);
        }
        if (service.equals("lambda") && resource.startsWith("function:")) {
            String[] parts = resource.split(":", 3);
            return Optional.of(new LambdaFunction(text, partition, region, account, parts[1],
                    parts.length > 2 ? parts[2] : null));
        }
        if (service.equals("states") && resource.startsWith("activity:")) {
            return Optional.of(new Activity(text, partition, region, account,
                    resource.substring("activity:".length())));
        }
        return Optional.of(new OtherArn(text, partition, service, region, account, resource));
    }

    private static Optional<ResourceArn> integration(String text, String partition, String resource) {
        IntegrationPattern pattern = IntegrationPattern.ofSuffix(resource);
        String named = resource.substring(0, resource.length() - pattern.suffix().length());
        boolean awsSdk = named.startsWith(AWS_SDK + ":");
        if (awsSdk) {
            named = named.substring(AWS_SDK.length() + 1);
        }
        int colon = named.indexOf(':');
        if (colon <= 0 || colon == named.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ServiceIntegration(text, partition, awsSdk, named.substring(0, colon),
                named.substring(colon + 1), pattern));
    }
}
