package io.stepwise.query.intrinsic;

import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.intrinsic.Argument.FunctionCall;
import io.stepwise.query.intrinsic.Argument.Literal;
import io.stepwise.query.intrinsic.Argument.PathArgument;
import io.stepwise.query.intrinsic.Argument.StringLiteral;
import io.stepwise.query.intrinsic.Token.Kind;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the grammar
 * <pre>
 *   expression := call END
 *   call       := FUNCTION_NAME '(' [ argument { ',' argument } ] ')'
 *   argument   := STRING | NUMBER | 'true' | 'false' | 'null' | PATH | call
 * </pre>
 */
final class Parser {
    /** AWS allows up to 10 intrinsic functions nested within one field. */
    static final int MAX_NESTING = 10;

    private final List<Token> tokens;
    private int index;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static FunctionCall parse(String text) {
        Parser parser = new Parser(Lexer.tokenize(text));
        FunctionCall call = parser.call(1);
        parser.expect(Kind.END);
        return call;
    }

    private FunctionCall call(int depth) {
        Token name = expect(Kind.FUNCTION_NAME);
        if (depth > MAX_NESTING) {
            throw new IllegalArgumentException("Intrinsic functions may be nested at most " + MAX_NESTING
                    + " deep, " + name.describe() + " is nested deeper");
        }
        IntrinsicFunction function = IntrinsicFunction.byName(name.text())
                .orElseThrow(() -> new IllegalArgumentException("Unknown intrinsic function " + name.describe()));
        expect(Kind.LEFT_PAREN);
        List<Argument> arguments = new ArrayList<>();
        if (peek().kind() != Kind.RIGHT_PAREN) {
            arguments.add(argument(depth));
            while (peek().kind() == Kind.COMMA) {
                index++;
                arguments.add(argument(depth));
            }
        }
        expect(Kind.RIGHT_PAREN);
        if (!function.acceptsArgumentCount(arguments.size())) {
            throw new IllegalArgumentException(function.functionName() + " takes "
                    + function.expectedArgumentCount() + ", but was given " + arguments.size());
        }
        return new FunctionCall(function, arguments);
    }

    private Argument argument(int depth) {
        Token token = peek();
        return switch (token.kind()) {
            case FUNCTION_NAME -> call(depth + 1);
            case STRING -> literal(new StringLiteral(token.value(), token.text()));
            case NUMBER -> literal(new Literal(Json.parse(token.text())));
            case TRUE -> literal(new Literal(BooleanNode.TRUE));
            case FALSE -> literal(new Literal(BooleanNode.FALSE));
            case NULL -> literal(new Literal(NullNode.getInstance()));
            case PATH -> literal(new PathArgument(path(token)));
            default -> throw new IllegalArgumentException("Expected an argument but found " + token.describe());
        };
    }

    private Argument literal(Argument argument) {
        index++;
        return argument;
    }

    private static JsonPathExpression path(Token token) {
        try {
            return JsonPathExpression.compile(token.text());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid path " + token.describe() + ": " + e.getMessage(), e);
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token expect(Kind kind) {
        Token token = peek();
        if (token.kind() != kind) {
            throw new IllegalArgumentException("Expected " + describe(kind) + " but found " + token.describe());
        }
        index++;
        return token;
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case FUNCTION_NAME -> "a function name";
            case LEFT_PAREN -> "'('";
            case RIGHT_PAREN -> "')' or ','";
            case END -> "end of expression";
            default -> kind.name().toLowerCase();
        };
    }
}
