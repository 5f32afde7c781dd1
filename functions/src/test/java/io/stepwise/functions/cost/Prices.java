package io.stepwise.functions.cost;

/**
 * Public on-demand list prices in us-east-1 (USD), without free tiers or volume discounts:
 * <ul>
 *   <li>DynamoDB on-demand, Standard table class: $0.625 per million write request units, $0.125 per million read
 *       request units (https://aws.amazon.com/dynamodb/pricing/on-demand/);</li>
 *   <li>SQS: $0.40 per million requests on standard queues, $0.50 on FIFO queues, each 64 KB chunk of a payload
 *       billed as one request (https://aws.amazon.com/sqs/pricing/);</li>
 *   <li>Lambda, arm64: $0.20 per million requests, $0.0000133334 per GB-second
 *       (https://aws.amazon.com/lambda/pricing/);</li>
 *   <li>S3 Standard: $0.005 per 1,000 PUT, $0.0004 per 1,000 GET (https://aws.amazon.com/s3/pricing/);</li>
 *   <li>API Gateway REST APIs: $3.50 per million requests, first 333 million; HTTP APIs: $1.00 per million
 *       requests of up to 512 KB, first 300 million (https://aws.amazon.com/api-gateway/pricing/);</li>
 *   <li>Step Functions Standard, to compare with: $0.025 per 1,000 state transitions
 *       (https://aws.amazon.com/step-functions/pricing/).</li>
 * </ul>
 */
record Prices(double perWriteUnit, double perReadUnit, double perSqsStandard, double perSqsFifo,
        double perLambdaRequest, double perGbSecond, double perS3Put, double perS3Get, double perApiRequest,
        double perHttpApiRequest) {

    static final double STEP_FUNCTIONS_STANDARD_PER_TRANSITION = 0.025 / 1_000;

    static final Prices US_EAST_1 = new Prices(0.625e-6, 0.125e-6, 0.40e-6, 0.50e-6, 0.20e-6, 0.0000133334,
            0.005 / 1_000, 0.0004 / 1_000, 3.50e-6, 1.00e-6);

    /** Which Lambda duration a price takes. */
    enum LambdaTime {
        /** As measured here, on moto. */
        MEASURED,
        /** As measured, with the time of the requests to moto replaced by an AWS round trip each. */
        ESTIMATED,
        /** CPU time stretched by the vCPU share of the stack's memory sizes, plus an AWS round trip per request. */
        MODELLED,
        /** {@link #MODELLED}, at the alternative memory sizes. */
        MODELLED_ALTERNATIVE
    }

    /**
     * Behind the stack's default API, an HTTP API.
     *
     * @param estimated Lambda duration as estimated for AWS's latencies rather than as measured on moto
     */
    Cost price(Usage.Snapshot usage, boolean estimated) {
        return price(usage, estimated ? LambdaTime.ESTIMATED : LambdaTime.MEASURED, true);
    }

    /** @param httpApi API requests priced as an HTTP API's rather than a REST API's */
    Cost price(Usage.Snapshot usage, LambdaTime time, boolean httpApi) {
        double gbSeconds = switch (time) {
            case MEASURED -> usage.gbSeconds();
            case ESTIMATED -> usage.estimatedGbSeconds();
            case MODELLED -> usage.model().gbSeconds();
            case MODELLED_ALTERNATIVE -> usage.model().alternativeGbSeconds();
        };
        return new Cost(usage.writeUnits() * perWriteUnit, usage.readUnits() * perReadUnit,
                usage.sqsStandard() * perSqsStandard + usage.sqsFifo() * perSqsFifo,
                usage.invocations() * perLambdaRequest + gbSeconds * perGbSecond,
                usage.s3Puts() * perS3Put + usage.s3Gets() * perS3Get,
                usage.apiRequests() * (httpApi ? perHttpApiRequest : perApiRequest));
    }

    record Cost(double dynamoWrites, double dynamoReads, double sqs, double lambda, double s3, double apiGateway) {
        double total() {
            return dynamoWrites + dynamoReads + sqs + lambda + s3 + apiGateway;
        }
    }
}
