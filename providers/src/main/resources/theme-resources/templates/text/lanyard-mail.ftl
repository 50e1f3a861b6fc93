<#ftl output_format="plainText">
<#-- The plain-text layout of Lanyard's mails: the product name above, each link spelled out on a line of its own. -->
<#macro layout>
${brand.productName()}

<#nested>
</#macro>
