package io.stepwise.engine.port;

import java.util.Optional;

/** Finds the task a SendTask* or activity token answers; the tokens themselves are stored by commits. */
public interface TaskTokenLookup {

    /** The task a token was issued for, or empty when no stored token matches. */
    Optional<TaskTokenGrant> findTaskToken(String token);
}
