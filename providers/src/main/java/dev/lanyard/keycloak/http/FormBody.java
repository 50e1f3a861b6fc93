package dev.lanyard.keycloak.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * An {@code application/x-www-form-urlencoded} request body. A body whose percent-escapes are broken ({@code %zz},
 * a cut-short {@code %E0%A4%A}) or whose bytes are no text in its charset is a client mistake: 400
 * {@code invalid_request}, never the 500 that Keycloak's own form parsing answers.
 *
 * <p>Keycloak parses the form of every POST, PUT and PATCH before the resource method runs, so a broken body
 * fails before any route code; {@link MalformedInputFilter} therefore checks the raw body of Lanyard's routes with
 * {@link #decode} first, and {@link #read} only ever sees forms that decode.
 */
public final class FormBody {

    static final String MALFORMED = "The form body is not correctly encoded";
    static final String NUL = "The request contains a NUL character";

    private FormBody() {
    }

    /** The request's form parameters, decoded by Keycloak. */
    public static MultivaluedMap<String, String> read(KeycloakSession session) {
        try {
            return new MultivaluedHashMap<>(session.getContext().getHttpRequest().getDecodedFormParameters());
        } catch (IllegalArgumentException e) {
            // RESTEasy's URL decoding throws this for a broken escape or an unknown charset.
            throw ApiException.invalidRequest(MALFORMED);
        }
    }

    static boolean isForm(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType())
                && "x-www-form-urlencoded".equalsIgnoreCase(type.getSubtype());
    }

    /** The charset a form body is written in: its media type's {@code charset}, else UTF-8. */
    static Charset charsetOf(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw ApiException.unsupportedMediaType("application/x-www-form-urlencoded in a known charset");
        }
    }

    /**
     * Decodes a form body as strictly as Keycloak's parser and more: every {@code %} starts two hex digits,
     * {@code +} is a space, and the decoded bytes must be text in {@code charset}.
     */
    static MultivaluedMap<String, String> decode(byte[] body, Charset charset) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start, end);
                String name = decode(body, start, equals, charset);
                String value = equals == end ? "" : decode(body, equals + 1, end, charset);
                form.add(name, value);
            }
            start = end + 1;
        }
        return form;
    }

    private static String decode(byte[] body, int from, int to, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '%') {
                if (i + 2 >= to) {
                    throw ApiException.invalidRequest(MALFORMED);
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw ApiException.invalidRequest(MALFORMED);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (b == '+') {
                bytes.write(' ');
            } else {
                bytes.write(b);
            }
        }
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalidRequest(MALFORMED);
        }
        if (text.indexOf('\0') >= 0) {
            throw ApiException.invalidRequest(NUL);
        }
        return text;
    }

    private static int indexOf(byte[] body, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return to;
    }
}
