package dev.lanyard.keycloak.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.lanyard.keycloak.http.JsonBodyTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormBodyTest {

    @Test
    void decodesEscapesPlusesAndRepeatedNames() {
        MultivaluedMap<String, String> form = decode(
                "grant_type=authorization_code&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb&scope=openid+email&scope=x"
                        + "&name=J%C3%BCrgen%20%F0%9F%98%80&empty=&flag&a%2Bb=c%3Dd=e");
        assertEquals("authorization_code", form.getFirst("grant_type"));
        assertEquals("http://localhost:3000/cb", form.getFirst("redirect_uri"));
        assertEquals(List.of("openid email", "x"), form.get("scope"));
        assertEquals("J\u00FCrgen \uD83D\uDE00", form.getFirst("name"));
        assertEquals("", form.getFirst("empty"));
        assertEquals("", form.getFirst("flag"));
        assertEquals("c=d=e", form.getFirst("a+b"));
    }

    @Test
    void emptyBodiesAndEmptyPairsAreNoParameters() {
        assertTrue(decode("").isEmpty());
        assertEquals(List.of("a", "b"), List.copyOf(decode("&a=1&&b=2&").keySet()).stream().sorted().toList());
    }

    @Test
    void brokenPercentEscapesAreInvalidRequest() {
        for (String body : new String[]{"token=%zz", "token=abc&x=%E0%A4%A", "x=%", "x=%4", "x=a%g1", "%zz=1", "na%2=1",
                "token=%zz&x=%E0%A4%A"}) {
            assertError(400, "invalid_request", "The form body is not correctly encoded", () -> decode(body));
        }
    }

    @Test
    void bytesThatAreNoTextInTheCharsetAreInvalidRequest() {
        for (String body : new String[]{"x=%FF", "x=%C3", "x=%ED%A0%80", "x=%80abc"}) {
            assertError(400, "invalid_request", "The form body is not correctly encoded", () -> decode(body));
        }
        byte[] rawLatin1 = {'x', '=', 'j', (byte) 0xFC, 'r', 'g', 'e', 'n'};
        assertError(400, "invalid_request", "The form body is not correctly encoded",
                () -> FormBody.decode(rawLatin1, StandardCharsets.UTF_8));
        assertEquals("j\u00FCrgen", FormBody.decode(rawLatin1, StandardCharsets.ISO_8859_1).getFirst("x"));
        assertEquals("\u00FF", FormBody.decode("x=%FF".getBytes(StandardCharsets.US_ASCII), StandardCharsets.ISO_8859_1).getFirst("x"));
    }

    @Test
    void aNulCharacterIsInvalidRequest() {
        for (String body : new String[]{"email=%00", "token=a%00b", "%00=1"}) {
            assertError(400, "invalid_request", "The request contains a NUL character", () -> decode(body));
        }
    }

    @Test
    void charsetComesFromTheMediaTypeAndDefaultsToUtf8() {
        assertEquals(StandardCharsets.UTF_8, FormBody.charsetOf(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        assertEquals(StandardCharsets.ISO_8859_1,
                FormBody.charsetOf(MediaType.valueOf("application/x-www-form-urlencoded; charset=ISO-8859-1")));
        assertEquals(StandardCharsets.UTF_8, FormBody.charsetOf(MediaType.valueOf("application/x-www-form-urlencoded;charset=\"utf-8\"")));
        assertError(415, "unsupported_media_type", "The request body must be application/x-www-form-urlencoded in a known charset",
                () -> FormBody.charsetOf(MediaType.valueOf("application/x-www-form-urlencoded; charset=no-such-charset")));
        assertError(415, "unsupported_media_type", "The request body must be application/x-www-form-urlencoded in a known charset",
                () -> FormBody.charsetOf(MediaType.valueOf("application/x-www-form-urlencoded; charset=\"b@d name\"")));
    }

    @Test
    void onlyUrlencodedIsAForm() {
        assertTrue(FormBody.isForm(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        assertTrue(FormBody.isForm(MediaType.valueOf("Application/X-WWW-Form-Urlencoded; charset=UTF-8")));
        assertFalse(FormBody.isForm(MediaType.APPLICATION_JSON_TYPE));
        assertFalse(FormBody.isForm(MediaType.MULTIPART_FORM_DATA_TYPE));
        assertFalse(FormBody.isForm(MediaType.WILDCARD_TYPE));
        assertFalse(FormBody.isForm(null));
    }

    private static MultivaluedMap<String, String> decode(String body) {
        return FormBody.decode(body.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
    }
}
