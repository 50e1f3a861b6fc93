<#--
  The layout every Lanyard mail shares: the realm's logo, product name and primary colour (the "brand" attribute
  KeycloakMails adds) around its paragraphs and button. Tables and inline styles, which mail clients keep; the one
  style sheet only darkens the colours where the reader's client is in dark mode, and a client that drops it still
  shows the light version.
-->
<#assign font = "font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif;">

<#macro layout>
<!DOCTYPE html>
<html lang="${locale.language}" dir="${ltr?then('ltr','rtl')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<#-- Keycloak 26.7 gives mail templates the subject; 26.4 does not, and the title stays empty there. --><title>${subject!""}</title>
<style>
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    .lanyard-mail-page { background-color: #121212 !important; }
    .lanyard-mail-card { background-color: #1f1f1f !important; }
    .lanyard-mail-text { color: #ececec !important; }
    .lanyard-mail-note, .lanyard-mail-note a { color: #c4c4c4 !important; }
  }
</style>
</head>
<body class="lanyard-mail-page" style="margin:0;padding:0;background-color:#f2f2f2;">
<table role="presentation" class="lanyard-mail-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f2f2f2;">
  <tr>
    <td align="center" style="padding:24px 12px;">
      <table role="presentation" class="lanyard-mail-card" width="100%" cellpadding="0" cellspacing="0" border="0"
             style="max-width:560px;background-color:#ffffff;border-top:4px solid ${brand.primaryColor()};border-radius:8px;">
        <tr>
          <td style="padding:24px 24px 8px;text-align:start;">
            <#if (brand.logoUrl())??>
            <#-- Decorative: the product name beneath says the same to a screen reader and where images are blocked. -->
            <img src="${brand.logoUrl()}" alt="" height="40" style="display:block;height:40px;width:auto;max-width:100%;border:0;margin:0 0 12px;">
            </#if>
            <p class="lanyard-mail-text" style="margin:0;${font}font-size:20px;line-height:28px;font-weight:700;color:#151515;">${brand.productName()}</p>
          </td>
        </tr>
        <tr>
          <td style="padding:8px 24px 8px;text-align:start;">
<#nested>
          </td>
        </tr>
      </table>
    </td>
  </tr>
</table>
</body>
</html>
</#macro>

<#macro paragraph>
<p class="lanyard-mail-text" style="margin:0 0 16px;${font}font-size:16px;line-height:24px;color:#151515;"><#nested></p>
</#macro>

<#-- A link as a button in the primary colour, and the link spelled out beneath it for a client that drops the button. -->
<#macro button href label>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">
  <tr>
    <td style="border-radius:6px;background-color:${brand.primaryColor()};">
      <a href="${href}" style="display:inline-block;padding:12px 24px;${font}font-size:16px;line-height:24px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;background-color:${brand.primaryColor()};">${label}</a>
    </td>
  </tr>
</table>
<p class="lanyard-mail-note" style="margin:0 0 16px;${font}font-size:13px;line-height:20px;color:#4f5255;">${msg("lanyardMailLinkBelow")}<br>
<a href="${href}" style="color:#4f5255;text-decoration:underline;word-break:break-all;overflow-wrap:anywhere;">${href}</a></p>
</#macro>

<#-- A one-time code, large and spaced so that it reads and copies at a glance. -->
<#macro code value>
<p class="lanyard-mail-text" style="margin:8px 0 16px;font-family:Menlo,Consolas,monospace;font-size:32px;line-height:40px;font-weight:700;letter-spacing:6px;color:#151515;">${value}</p>
</#macro>
