package io.stepwise.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Filter expressions as AWS reads them, beyond what Jayway accepts on its own. */
class JsonPathFilterTest {
    private static final String ITEMS = """
            {"items": [{"name": "Receipt", "v": 1}, {"name": "Other", "v": 2}, {"name": "receipt", "v": 3}]}""";

    private static String read(String path) {
        return Json.write(JsonPathExpression.compile(path).readFrom(Json.parse(ITEMS)));
    }

    @Test
    void aBareWordOnTheRightOfAComparisonIsAString() {
        assertThat(read("$.items[?(@.name==Receipt)]")).isEqualTo("[{\"name\":\"Receipt\",\"v\":1}]");
        assertThat(read("$.items[?(@.name == Receipt)].v")).isEqualTo("[1]");
        assertThat(read("$.items[?(@.name != Receipt)].v")).isEqualTo("[2,3]");
    }

    @Test
    void aBareWordCombinesWithOtherConditions() {
        assertThat(read("$.items[?(@.name==Other && @.v==2)].v")).isEqualTo("[2]");
        assertThat(read("$.items[?(@.name==Other || @.name==receipt)].v")).isEqualTo("[2,3]");
    }

    @Test
    void literalsPathsAndQuotedStringsKeepTheirMeaning() {
        assertThat(read("$.items[?(@.v==1)].name")).isEqualTo("[\"Receipt\"]");
        assertThat(read("$.items[?(@.v>=2)].name")).isEqualTo("[\"Other\",\"receipt\"]");
        assertThat(read("$.items[?(@.name=='Other')].v")).isEqualTo("[2]");
        assertThat(read("$.items[?(@.name==\"Other\")].v")).isEqualTo("[2]");
        assertThat(read("$.items[?(@.name=='a==b')].v")).isEqualTo("[]");
        assertThat(read("$.items[?(@.missing==null)].v")).isEqualTo("[]");
        assertThat(read("$.items[?(@.v==$.items[0].v)].name")).isEqualTo("[\"Receipt\"]");
    }

    @Test
    void theRewriteOnlyTouchesFilters() {
        assertThat(JsonPathExpression.quoteBareFilterValues("$.a.b")).isEqualTo("$.a.b");
        assertThat(JsonPathExpression.quoteBareFilterValues("$['x==y']")).isEqualTo("$['x==y']");
        assertThat(JsonPathExpression.quoteBareFilterValues("$.i[?(@.n>=abc)]")).isEqualTo("$.i[?(@.n>='abc')]");
        assertThat(JsonPathExpression.quoteBareFilterValues("$.i[?(@.n==true)]")).isEqualTo("$.i[?(@.n==true)]");
    }

    @Test
    void bracketsMustBeClosed() {
        assertThatThrownBy(() -> JsonPathExpression.compile("$.a[")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPathExpression.compile("$$.a[?(@.b[0] == 1)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonPathExpression.compile("$.items[?(@.name=='[')].v").text()).isEqualTo("$.items[?(@.name=='[')].v");
        assertThat(JsonPathExpression.compile("$.don't").text()).isEqualTo("$.don't");
        assertThat(read("$.items[?(@.v==$.items[0].v)].name")).isEqualTo("[\"Receipt\"]");
    }
}
