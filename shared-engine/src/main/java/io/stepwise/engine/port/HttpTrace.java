package io.stepwise.engine.port;

/**
 * The HTTP exchange an HTTP Task made, as TestState shows it at {@code inspectionLevel} TRACE
 * ({@code inspectionData.request} and {@code .response}, AWS's {@code InspectionDataRequest} and
 * {@code InspectionDataResponse}: every member a string).
 *
 * @param response {@code null} when no answer arrived (the request could not be sent, or timed out)
 */
public record HttpTrace(Request request, Response response) {

    /**
     * @param protocol the URL's scheme ({@code https})
     * @param headers the headers as AWS prints them: {@code [Name: value, Name: value]}
     * @param body the body as sent, {@code null} without one
     */
    public record Request(String protocol, String method, String url, String headers, String body) {
    }

    /** @param statusCode the status as text ({@code "200"}), as AWS gives it */
    public record Response(String protocol, String statusCode, String statusMessage, String headers, String body) {
    }
}
