<#-- A page that asks for one click before a mailed link takes effect, so mail scanners confirm nothing. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg(lanyardConfirm.title)}
    <#elseif section = "form">
        <p id="lanyard-confirm-message">${msg(lanyardConfirm.message)}</p>
        <form id="lanyard-confirm-form" action="${lanyardConfirm.action}" method="post">
            <input type="hidden" name="token" value="${lanyardConfirm.token}">
            <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                    type="submit">${msg(lanyardConfirm.button)}</button>
        </form>
    </#if>
</@layout.registrationLayout>
