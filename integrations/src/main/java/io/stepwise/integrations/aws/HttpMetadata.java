package io.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The {@code SdkHttpMetadata} and {@code SdkResponseMetadata} members optimized integrations (DynamoDB, SQS, SNS,
 * Lambda) add to a response, as recorded from AWS: every header as a list under {@code AllHttpHeaders}, as one
 * value under {@code HttpHeaders}, the status code, and the request id.
 */
public final class HttpMetadata {
    private HttpMetadata() {
    }

    public static ObjectNode addTo(ObjectNode output, SdkResponse response) {
        SdkHttpResponse http = response.sdkHttpResponse();
        ObjectNode metadata = output.putObject("SdkHttpMetadata");
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        ObjectNode single = metadata.putObject("HttpHeaders");
        if (http != null) {
            for (Map.Entry<String, List<String>> header : http.headers().entrySet()) {
                all.set(header.getKey(), Json.MAPPER.valueToTree(header.getValue()));
                single.put(header.getKey(), String.join(",", header.getValue()));
            }
            metadata.put("HttpStatusCode", http.statusCode());
        }
        String requestId = response instanceof AwsResponse aws && aws.responseMetadata() != null
                ? aws.responseMetadata().requestId() : null;
        output.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return output;
    }
}
