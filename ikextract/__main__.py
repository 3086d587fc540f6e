from ikextract.cli import main

main()
