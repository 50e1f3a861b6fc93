<#-- Browser flow: the link is on its way; "continue" finishes the login once it was confirmed elsewhere. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("lanyardMagicLinkSentTitle")}
    <#elseif section = "form">
        <p id="lanyard-magic-link-sent">${msg("lanyardMagicLinkSentMessage", lanyardEmail!'')}</p>
        <#if lanyardMatchCode??>
            <p id="lanyard-match-code-hint">${msg("lanyardMagicLinkCodeHint")}</p>
            <p id="lanyard-match-code" class="lanyard-match-code"><strong>${lanyardMatchCode}</strong></p>
        </#if>
        <form id="lanyard-magic-link-continue" action="${url.loginAction}" method="post">
            <input type="hidden" name="continue" value="true">
            <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" type="submit">${msg("lanyardMagicLinkContinue")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
