/**
 * The Lambda functions of the recorded service-integration cases ({@code resources.lambdaFunctions[].behaviour} in
 * the conformance README), as Java handlers that Stepwise runs in-process. They are stream handlers so that what
 * they read and write is the exact event and result JSON, as for the Python functions AWS ran.
 */
package io.stepwise.it.conformance.functions;
